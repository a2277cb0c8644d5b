using System.Text.Json.Nodes;
using AdoptionBot.Channels;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Channels;

/// <summary>
/// Who may point a channel at a business unit, through /api/messages: the portfolio team and the unit's channel owners
/// (Portfolio:UnitOwners; in the test settings Anna owns Purchasing and After Sales), never a team with guests unless
/// Channels:AllowGuestTeams, and every change in the channel's history.
/// </summary>
public sealed class LinkPermissionTests(LinkPermissionTests.Host fixture) : IClassFixture<LinkPermissionTests.Host>
{
    private const string Colleague = "7a7a7a7a-1111-4222-8333-444444444444";

    private readonly BotTestHost host = fixture.Bot;

    /// <summary>The test bot with a third business unit that Anna owns no channel of.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public BotTestHost Bot { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Bot = await BotTestHost.StartAsync(Units());

        public Task DisposeAsync() => Bot.DisposeAsync();
    }

    [Fact]
    public async Task Link_BySomeoneWhoOwnsNoUnit_IsRefusedAndNothingIsStored()
    {
        var channel = NewChannel();

        var reply = await host.AskAsync(Message("link Purchasing", channel, from: Colleague));

        Assert.Contains("Only the portfolio team and the channel owners of Purchasing", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", reply.Text, StringComparison.Ordinal);
        Assert.False(await host.QueryStoreAsync(db => db.ChannelLinks.AnyAsync(l => l.ChannelId == channel)));
        Assert.False(await host.QueryStoreAsync(db => db.Set<ChannelLinkChange>().AnyAsync(c => c.ChannelId == channel)));
    }

    [Fact]
    public async Task Link_ByAnOwnerOfAnotherUnit_IsRefused_ByTheUnitsOwnerAndByThePortfolioTeam_IsMade()
    {
        var notHers = NewChannel();
        var hers = NewChannel();
        var teams = NewChannel();

        var refused = await host.AskAsync(Message("link Research and Development", notHers));
        var owner = await host.AskAsync(Message("link Purchasing", hers));
        var admin = await host.AskAsync(Message("link Research and Development", teams, from: BotTestHost.AdminObjectId));

        Assert.Contains("Only the portfolio team and the channel owners of Research and Development", refused.Text, StringComparison.Ordinal);
        Assert.Contains("follows **Purchasing**", owner.Text, StringComparison.Ordinal);
        Assert.Contains("follows **Research and Development**", admin.Text, StringComparison.Ordinal);
        var linked = await host.QueryStoreAsync(db => db.ChannelLinks.Where(l => l.ChannelId == notHers || l.ChannelId == hers || l.ChannelId == teams).Select(l => l.ChannelId).ToListAsync());
        Assert.Equal(new[] { hers, teams }.Order(StringComparer.Ordinal), linked.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Relink_SaysWhatItReplaced_AndAnOwnerOfTheOldUnitCannotTakeTheChannelBackOrStopIt()
    {
        var channel = NewChannel();
        await host.AskAsync(Message("link Purchasing", channel));

        var relinked = await host.AskAsync(Message("link Research and Development", channel, from: BotTestHost.AdminObjectId));
        var takeBack = await host.AskAsync(Message("link Purchasing", channel));
        var unlink = await host.AskAsync(Message("unlink", channel));

        Assert.Contains("now follows **Research and Development**", relinked.Text, StringComparison.Ordinal);
        Assert.Contains("replaces the link to Purchasing that Anna Keller made on", relinked.Text, StringComparison.Ordinal);
        Assert.Contains("This channel follows Research and Development; only the portfolio team and that unit's channel owners", takeBack.Text, StringComparison.Ordinal);
        Assert.Contains("Only the portfolio team and the channel owners of Research and Development can unlink", unlink.Text, StringComparison.Ordinal);
        var link = await host.QueryStoreAsync(db => db.ChannelLinks.SingleAsync(l => l.ChannelId == channel));
        Assert.True(link.IsActive);
        Assert.Equal("Research and Development", link.BusinessUnit);
    }

    [Fact]
    public async Task Channels_ShowsEachLinksHistory_WhoLinkedReLinkedAndUnlinked()
    {
        var channel = NewChannel();
        await host.AskAsync(Message("link Purchasing", channel, teamName: "History Team"));
        await host.AskAsync(Message("link After Sales", channel, teamName: "History Team"));
        await host.AskAsync(Message("unlink", channel, from: BotTestHost.AdminObjectId, teamName: "History Team"));

        var listed = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "channels";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));

        var changes = await host.QueryStoreAsync(db => db.Set<ChannelLinkChange>().Where(c => c.ChannelId == channel).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([ChannelLinkChanges.Linked, ChannelLinkChanges.Relinked, ChannelLinkChanges.Unlinked], changes.Select(c => c.Change));
        Assert.Equal([BotSettings.TestUnitOwnerObjectId, BotSettings.TestUnitOwnerObjectId, BotTestHost.AdminObjectId], changes.Select(c => c.ByObjectId));
        var text = listed.Text;
        Assert.Contains("linked to Purchasing by Anna Keller", text, StringComparison.Ordinal);
        Assert.Contains("re-linked from Purchasing to After Sales by Anna Keller", text, StringComparison.Ordinal);
        Assert.Contains("unlinked from After Sales by", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_InATeamWithAGuest_IsRefused_AndWhenTheRosterCannotBeRead_TooNothingIsStored()
    {
        var guestTeam = "19:guests-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var unreadable = "19:unreadable-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        host.Connector.AddGuest(guestTeam);
        host.Connector.FailRoster(unreadable);
        var first = NewChannel();
        var second = NewChannel();

        var guests = await host.AskAsync(Message("link Purchasing", first, teamId: guestTeam, from: BotTestHost.AdminObjectId));
        var failed = await host.AskAsync(Message("link Purchasing", second, teamId: unreadable));

        Assert.Contains("This team has guests from outside the organisation", guests.Text, StringComparison.Ordinal);
        Assert.Contains("I could not read this team's members", failed.Text, StringComparison.Ordinal);
        Assert.False(await host.QueryStoreAsync(db => db.ChannelLinks.AnyAsync(l => l.ChannelId == first || l.ChannelId == second)));
    }

    [Fact]
    public async Task Link_InATeamWithAGuest_IsMadeWhenGuestTeamsAreAllowed()
    {
        await using var allowing = await BotTestHost.StartAsync(new Dictionary<string, string?>(Units()) { ["Channels:AllowGuestTeams"] = "true" });
        var team = "19:guests-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        allowing.Connector.AddGuest(team);

        var reply = await allowing.AskAsync(allowing.ChannelMessage("link Purchasing", NewChannel(), team));

        Assert.Contains("follows **Purchasing**", reply.Text, StringComparison.Ordinal);
    }

    /// <summary>The test catalogue's two units and one that Anna owns no channel of.</summary>
    private static Dictionary<string, string?> Units() => new()
    {
        ["Portfolio:BusinessUnits:0"] = "Purchasing",
        ["Portfolio:BusinessUnits:1"] = "After Sales",
        ["Portfolio:BusinessUnits:2"] = "Research and Development",
    };

    private static string NewChannel() => "19:perm-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";

    private JsonObject Message(string command, string channel, string? from = null, string teamId = "19:teamGeneral0001@thread.tacv2", string teamName = "Purchasing GenAI")
    {
        var activity = host.ChannelMessage(command, channel, teamId, teamName);
        if (from is not null)
        {
            activity["from"]!["aadObjectId"] = from;
            activity["from"]!["name"] = from == BotTestHost.AdminObjectId ? "Portfolio Admin" : "Chris Colleague";
        }

        return activity;
    }
}
