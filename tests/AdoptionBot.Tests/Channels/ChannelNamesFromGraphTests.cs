using System.Net;
using AdoptionBot.Channels;
using AdoptionBot.Tests.People;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Channels;

/// <summary>With Graph configured, <c>channels</c> shows the names teams and channels have now, through /api/messages.</summary>
public sealed class ChannelNamesFromGraphTests(GraphEnabledBotHost fixture) : IClassFixture<GraphEnabledBotHost>
{
    private BotTestHost Host => fixture.Host;

    [Fact]
    public async Task Channels_GraphKnowsTheTeam_ShowsItsCurrentTeamAndChannelNames()
    {
        var groupId = Guid.NewGuid().ToString("D");
        var channel = "19:renamed-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        fixture.Graph.AddTeam(groupId, "Strategic Sourcing Hub");
        fixture.Graph.AddChannel(groupId, channel, "Supplier audits");
        await Host.AskAsync(Host.ChannelMessage("link Purchasing", channel, teamName: "Purchasing GenAI", teamGroupId: groupId));

        var reply = await Host.AskAsync(ChannelsCommand());

        Assert.Contains("**Purchasing**: Strategic Sourcing Hub › Supplier audits", reply.Text, StringComparison.Ordinal);
        Assert.Contains(fixture.Graph.Requests, r => r.PathAndQuery.StartsWith($"/v1.0/teams/{groupId}/channels/{channel}?", StringComparison.Ordinal));
        var link = await Host.QueryStoreAsync(db => db.ChannelLinks.SingleAsync(l => l.ChannelId == channel));
        Assert.Equal(groupId, link.TeamGroupId);
    }

    [Fact]
    public async Task Link_ActivityWithoutTheGroupId_TakesItFromTheTeamDetailsSoChannelsShowsGraphsNames()
    {
        var groupId = Guid.NewGuid().ToString("D");
        var teamId = "19:team-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var channel = "19:details-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        Host.Connector.AddTeam(teamId, "Purchasing GenAI", groupId);
        fixture.Graph.AddTeam(groupId, "Sourcing Community");
        fixture.Graph.AddChannel(groupId, channel, "Tender talk");
        await Host.AskAsync(Host.ChannelMessage("link Purchasing", channel, teamId: teamId));

        var groupIdStored = await WaitForAsync(() => Host.QueryStoreAsync(db => db.ChannelLinks.Where(l => l.ChannelId == channel).Select(l => l.TeamGroupId).SingleAsync()));
        var reply = await Host.AskAsync(ChannelsCommand());

        Assert.Equal(groupId, groupIdStored);
        Assert.Contains("Sourcing Community › Tender talk", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channels_GraphFails_ShowsTheStoredNamesAndStillAnswers()
    {
        var groupId = Guid.NewGuid().ToString("D");
        var channel = "19:graphdown-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        fixture.Graph.AddTeam(groupId, "Name Graph would give");
        fixture.Graph.AddChannel(groupId, channel, "Channel name Graph would give");
        await Host.AskAsync(Host.ChannelMessage("link After Sales", channel, teamName: "After Sales Stored", teamGroupId: groupId));

        fixture.Graph.FailWith = HttpStatusCode.ServiceUnavailable;
        SentActivity reply;
        try
        {
            reply = await Host.AskAsync(ChannelsCommand());
        }
        finally
        {
            fixture.Graph.FailWith = null;
        }

        Assert.Contains("**After Sales**: After Sales Stored › General", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Name Graph would give", reply.Text, StringComparison.Ordinal);
        Assert.Contains(fixture.Graph.Requests, r => r.PathAndQuery.StartsWith($"/v1.0/teams/{groupId}", StringComparison.Ordinal));
    }

    private System.Text.Json.Nodes.JsonObject ChannelsCommand() =>
        Host.Activity("personal-message.json", a =>
        {
            a["text"] = "channels";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        });

    // The group id from the team details is stored after the link's reply has gone out.
    private static Task<string?> WaitForAsync(Func<Task<string?>> read) =>
        Poll.ReadUntilAsync(read, value => value is not null, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
}
