using System.Text.Json.Nodes;
using AdoptionBot.Channels;
using AdoptionBot.Delivery;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Channels;

/// <summary>
/// One bot serving two Microsoft 365 tenants, through /api/messages: an idea's status update goes only to the channels
/// of the idea's tenant, and a digest counts and quotes only its own tenant's questions.
/// </summary>
public sealed class TenantSeparationTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private const string Home = "72f988bf-0000-4000-8000-000000000001";
    private const string Other = "0e0e0e0e-2222-4333-8444-555555555555";

    [Fact]
    public async Task StatusUpdate_ReachesOnlyTheChannelsOfTheIdeasTenant()
    {
        var home = "19:tenant-home-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var other = "19:tenant-other-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(Link(home, Home));
        await host.AskAsync(Link(other, Other));
        var ideaId = await host.SubmitIdeaAsync("Tenant-bound supplier summariser");

        await host.MoveIdeaAsync(ideaId, "assessment", 1, "Looks useful");

        var idea = await host.QueryStoreAsync(db => db.Ideas.SingleAsync(i => i.Title == "Tenant-bound supplier summariser"));
        Assert.Equal(Home, idea.TenantId);
        var links = await host.QueryStoreAsync(db => db.ChannelLinks.Where(l => l.ChannelId == home || l.ChannelId == other).ToDictionaryAsync(l => l.Id, l => l.ChannelId));
        var targets = await host.QueryStoreAsync(db => db.Outbox.Where(o => o.DedupKey.StartsWith("status:" + ideaId + ":") && o.ChannelLinkId != null).Select(o => o.ChannelLinkId!.Value).ToListAsync());
        Assert.Equal([home], targets.Where(links.ContainsKey).Select(id => links[id]));
    }

    [Fact]
    public async Task CompanyDigest_OfOneTenant_QuotesNoQuestionOfTheOther()
    {
        var now = DateTime.UtcNow;
        await using (var db = host.Services.GetRequiredService<IDbContextFactory<AdoptionBot.Storage.AdoptionBotDbContext>>().CreateDbContext())
        {
            db.Questions.AddRange(
                Question("Which canteen voucher covers the night shift?", Home, now),
                Question("Can the Fabrikam merger team use an unapproved chatbot?", Other, now));
            await db.SaveChangesAsync();
        }

        var reply = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "digest preview";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));

        var shown = string.Join("\n", ShownText.Of(reply.Activity));
        Assert.Contains("which canteen voucher covers the night shift?", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("fabrikam", shown, StringComparison.OrdinalIgnoreCase);
    }

    private JsonObject Link(string channel, string tenant)
    {
        var activity = host.ChannelMessage("link Purchasing", channel, teamId: "19:team-" + Guid.NewGuid().ToString("N") + "@thread.tacv2");
        activity["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"]!["tenant"]!["id"] = tenant;
        return activity;
    }

    private static QuestionRecord Question(string text, string tenant, DateTime askedUtc) => new()
    {
        AnswerId = Guid.NewGuid().ToString("N"),
        ConversationType = "personal",
        AskerHash = Guid.NewGuid().ToString("N"),
        TenantId = tenant,
        Question = text,
        Outcome = AnswerOutcomes.NotCovered,
        AskedAtUtc = askedUtc,
    };
}
