using System.Text.Json.Nodes;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Core;

/// <summary>
/// The portfolio team's views (triage, channels, the company-wide digest, the list a status button returns) list
/// every open idea with names and excerpts. Asked for in a channel or group chat, they go to the member's 1:1 chat and
/// the shared conversation is only told so.
/// </summary>
public sealed class PrivateAnswersTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private const string AdminChat = "a:portfolioAdminPrivateChat";
    private const string Title = "Shift handover note writer";
    private const string Channel = "19:private-answers@thread.tacv2";

    [Fact]
    public async Task Triage_InAChannel_GoesToTheMembers1To1ChatAndTheChannelIsToldSo()
    {
        await AdminKnownIn1To1Async();
        await SubmitAsync();

        var question = AsAdmin(host.ChannelMessage("triage", Channel));
        var inChannel = await host.AskAsync(question);

        Assert.Contains("1:1 chat", inChannel.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Title, inChannel.Activity.ToJsonString(), StringComparison.Ordinal);
        var privately = await host.Connector.WaitForAsync(a => a.ConversationId == AdminChat && a.Activity.ToJsonString().Contains(Title, StringComparison.Ordinal));
        Assert.Contains("Triage", privately[0].Activity.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Connector.Sent, a => a.ConversationId.StartsWith(Channel, StringComparison.Ordinal) && a.Activity.ToJsonString().Contains(Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DigestPreview_CompanyWideInAGroupChat_GoesToTheMembers1To1Chat()
    {
        await AdminKnownIn1To1Async();
        var sentBefore = host.Connector.Sent.Count;

        var inGroup = await host.AskAsync(AsAdmin(host.Activity("channel-mention.json", a =>
        {
            a["text"] = "<at>AdoptionBot</at> digest preview";
            a["conversation"] = new JsonObject { ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = "72f988bf-0000-4000-8000-000000000001", ["id"] = "19:group-chat-private-answers@thread.v2" };
            a["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "72f988bf-0000-4000-8000-000000000001" } };
        })));

        Assert.Contains("I've sent", inGroup.Text, StringComparison.Ordinal);
        Assert.Null(inGroup.Activity["attachments"]);
        var privately = await host.Connector.WaitForAsync(a => a.ConversationId == AdminChat && a.Activity.ToJsonString().Contains("Company-wide", StringComparison.Ordinal));
        Assert.NotEmpty(privately);
        Assert.DoesNotContain(host.Connector.Sent.Skip(sentBefore), a => a.ConversationId.StartsWith("19:group-chat", StringComparison.Ordinal) && a.Activity["attachments"] is not null);
    }

    [Fact]
    public async Task StatusButton_PressedInAChannel_ReturnsOnlyThatIdeasMoveNotTheList()
    {
        var other = await SubmitAsync("Invoice matching helper");
        var ideaId = await SubmitAsync();

        var body = await host.MoveIdeaAsync(
            ideaId,
            "assessment",
            1,
            change: InChannel("1"));

        Assert.Contains($"{ideaId} moved from Submitted to Assessment", body, StringComparison.Ordinal);
        Assert.DoesNotContain(other, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoice matching helper", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriagePageButton_PressedInAChannel_ShowsNoList()
    {
        await SubmitAsync();

        var body = await host.PressAndReadAsync(
            new JsonObject { ["verb"] = IdeaCards.TriagePageVerb, ["page"] = 0 },
            admin: true,
            change: InChannel("2"));

        Assert.Contains("only in a 1:1 chat", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Title, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_In1To1Chat_IsAnsweredThereAsBefore()
    {
        await SubmitAsync();

        var reply = await host.AskAsync(AsAdmin(host.Activity("personal-message.json", a => a["text"] = "triage")));

        Assert.Contains(Title, reply.Activity.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The member has chatted with the bot 1:1, so the bot knows that chat.</summary>
    private async Task AdminKnownIn1To1Async() =>
        await host.AskAsync(AsAdmin(host.Activity("personal-message.json", a =>
        {
            a["text"] = "help";
            a["conversation"]!["id"] = AdminChat;
        })));

    /// <summary>Moves a card invoke into the test channel, as if the card had been pressed there.</summary>
    private static Action<JsonObject> InChannel(string messageId) => a =>
        a["conversation"] = new JsonObject { ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = "72f988bf-0000-4000-8000-000000000001", ["id"] = Channel + ";messageid=" + messageId };

    private static JsonObject AsAdmin(JsonObject activity)
    {
        activity["from"] = new JsonObject { ["id"] = "29:portfolioAdmin0001", ["name"] = "Portfolio Admin", ["aadObjectId"] = BotTestHost.AdminObjectId };
        return activity;
    }

    private Task<string> SubmitAsync(string title = Title) => host.SubmitIdeaAsync(title, fields =>
    {
        fields["problem"] = "Shift leads write the handover note from memory at the end of a long shift.";
        fields["personalData"] = "false";
    });
}
