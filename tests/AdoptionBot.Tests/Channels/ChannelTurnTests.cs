using System.Text.Json.Nodes;
using AdoptionBot.Channels;
using AdoptionBot.Delivery;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Channels;

/// <summary>Linking channels to business units and what an idea's move writes to the outbox, through /api/messages.</summary>
public sealed class ChannelTurnTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private const string ChannelId = "19:a1b2c3d4e5f6a7b8c9d0@thread.tacv2";

    [Fact]
    public async Task BotAddedToATeam_PostsAWelcomeExplainingHowToLink()
    {
        var activity = host.Activity("team-install.json", a => a["conversation"]!["id"] = "19:welcome-" + Guid.NewGuid().ToString("N") + "@thread.tacv2");
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();

        using var response = await host.PostAsync(activity);
        var sent = await host.Connector.WaitForAsync(a => a.ConversationId == conversation);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("@AdoptionBot link Research and Development", sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_UnknownBusinessUnit_ListsTheValidOnes()
    {
        var reply = await host.AskAsync(ChannelMessage("link Space Travel", channelId: "19:unknown-unit@thread.tacv2"));

        Assert.Contains("'Space Travel' is not a business unit", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Purchasing", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkChannelUnlink_InAChannel_WorkAndAreStored()
    {
        var channel = "19:link-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";

        var linked = await host.AskAsync(ChannelMessage("link purchasing", channel));
        var shown = await host.AskAsync(ChannelMessage("channel", channel));
        var unlinked = await host.AskAsync(ChannelMessage("unlink", channel));

        Assert.Contains("follows **Purchasing**", linked.Text, StringComparison.Ordinal);
        Assert.Contains("follows **Purchasing**", shown.Text, StringComparison.Ordinal);
        Assert.Contains("no longer follows", unlinked.Text, StringComparison.Ordinal);
        var link = await host.QueryStoreAsync(db => db.ChannelLinks.SingleAsync(l => l.ChannelId == channel));
        Assert.False(link.IsActive);
        Assert.Equal("Purchasing GenAI", link.TeamName);
    }

    [Fact]
    public async Task Channels_ForThePortfolioTeam_ListsEveryLink()
    {
        var channel = "19:listed-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(ChannelMessage("link After Sales", channel, teamName: "After Sales Hub"));

        var reply = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "channels";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));

        Assert.Contains("**After Sales**: After Sales Hub", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdeaMoved_WritesOneCardPerLinkedChannelAndOneNoticeToTheSubmitter_InTheSameTransaction()
    {
        var channel = "19:fanout-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(ChannelMessage("link Purchasing", channel));
        var form = (await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "new idea"))).Activity["attachments"]![0]!["content"]!;
        var formId = form["actions"]![0]!["data"]!["formId"]!.GetValue<string>();
        var confirmation = await InvokeAsync(new JsonObject { ["verb"] = "idea.submit", ["formId"] = formId, ["title"] = "Supplier audit summariser", ["problem"] = "Audit reports are long.", ["businessUnit"] = "Purchasing", ["dataClassification"] = "internal" }, admin: false);
        var ideaId = System.Text.RegularExpressions.Regex.Match(confirmation, @"IDEA-\d{4}").Value;

        await InvokeAsync(new JsonObject { ["verb"] = "idea.setStatus", ["ideaId"] = ideaId, ["status"] = "assessment", ["version"] = 1, ["comment." + ideaId] = "Promising" }, admin: true);

        var rows = await host.QueryStoreAsync(db => db.Outbox.Where(o => o.DedupKey.StartsWith("status:" + ideaId + ":")).ToListAsync());
        var channelRow = Assert.Single(rows, r => r.ConversationId == channel);
        var notice = Assert.Single(rows, r => r.Kind == "notice");
        Assert.Equal("a:1XyZpersonalConversation0001", notice.ConversationId);
        Assert.Contains("Submitted → Assessment", channelRow.ActivityJson, StringComparison.Ordinal);
        Assert.Contains("Promising", channelRow.ActivityJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdeaMoved_TheChannelGetsTheCardAndTheSubmitterTheNotice_EachOnce()
    {
        var channel = "19:delivered-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(ChannelMessage("link Purchasing", channel));
        var form = (await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "new idea"))).Activity["attachments"]![0]!["content"]!;
        var formId = form["actions"]![0]!["data"]!["formId"]!.GetValue<string>();
        var confirmation = await InvokeAsync(new JsonObject { ["verb"] = "idea.submit", ["formId"] = formId, ["title"] = "Tender comparison helper", ["problem"] = "Comparing tender offers takes days.", ["businessUnit"] = "Purchasing", ["dataClassification"] = "internal" }, admin: false);
        var ideaId = System.Text.RegularExpressions.Regex.Match(confirmation, @"IDEA-\d{4}").Value;

        await InvokeAsync(new JsonObject { ["verb"] = "idea.setStatus", ["ideaId"] = ideaId, ["status"] = "assessment", ["version"] = 1 }, admin: true);

        var inChannel = await host.Connector.WaitForAsync(a => a.ConversationId == channel && a.Activity.ToJsonString().Contains(ideaId, StringComparison.Ordinal));
        var toSubmitter = await host.Connector.WaitForAsync(a => a.ConversationId == "a:1XyZpersonalConversation0001" && a.Activity.ToJsonString().Contains($"Your idea {ideaId} moved on", StringComparison.Ordinal));
        await Task.Delay(500); // a duplicate would arrive in this time
        Assert.Single(host.Connector.Sent, a => a.ConversationId == channel && a.Activity.ToJsonString().Contains(ideaId, StringComparison.Ordinal));
        Assert.Single(toSubmitter);
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Assert.Contains("Submitted → Assessment", inChannel[0].Activity.ToJsonString(relaxed), StringComparison.Ordinal);
        var rows = await host.QueryStoreAsync(db => db.Outbox.Where(o => o.DedupKey.StartsWith("status:" + ideaId + ":")).Select(o => o.Status).ToListAsync());
        Assert.All(rows, status => Assert.Equal("sent", status));
    }

    [Fact]
    public async Task Channels_ShowsMessagesThatCouldNotBeDelivered()
    {
        var channel = "19:failing-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(ChannelMessage("link Purchasing", channel, teamName: "Failing Team"));
        var linkId = await host.QueryStoreAsync(db => db.ChannelLinks.Where(l => l.ChannelId == channel).Select(l => l.Id).SingleAsync());
        await host.QueryStoreAsync(async db =>
        {
            db.Outbox.Add(new AdoptionBot.Delivery.OutboxMessage
            {
                DedupKey = "test:failed:" + channel,
                Kind = "statusUpdate",
                ConversationId = channel,
                ChannelLinkId = linkId,
                TenantId = "72f988bf-0000-4000-8000-000000000001",
                ServiceUrl = host.Connector.ServiceUrl,
                BotId = "28:bot",
                ActivityJson = "{}",
                Status = "failed",
                LastError = "503 Service Unavailable after 6 attempts",
            });
            return await db.SaveChangesAsync();
        });

        var reply = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "channels";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));

        Assert.Contains("Not delivered", reply.Text, StringComparison.Ordinal);
        Assert.Contains("statusUpdate to Failing Team", reply.Text, StringComparison.Ordinal);
        Assert.Contains("503 Service Unavailable after 6 attempts", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotRemovedFromTheTeam_DeactivatesItsLinks()
    {
        var channel = "19:removed-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var team = "19:team-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(ChannelMessage("link Purchasing", channel, teamId: team));

        using var response = await host.PostAsync(host.Activity("team-remove.json", a =>
        {
            a["conversation"]!["id"] = team;
            a["channelData"]!["team"]!["id"] = team;
        }));

        Assert.True(response.IsSuccessStatusCode);
        var link = await host.QueryStoreAsync(db => db.ChannelLinks.SingleAsync(l => l.ChannelId == channel));
        Assert.False(link.IsActive);
        Assert.Contains("removed", link.DeactivatedReason, StringComparison.Ordinal);
    }

    private JsonObject ChannelMessage(string command, string channelId = ChannelId, string teamId = "19:teamGeneral0001@thread.tacv2", string teamName = "Purchasing GenAI") =>
        host.ChannelMessage(command, channelId, teamId, teamName);

    private async Task<string> InvokeAsync(JsonObject data, bool admin)
    {
        var invoke = host.Activity("card-action-invoke.json", a =>
        {
            a["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["verb"]!.GetValue<string>(), ["data"] = data };
            if (admin)
            {
                a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
            }
        });
        using var response = await host.PostAsync(invoke);
        return await response.Content.ReadAsStringAsync();
    }
}
