using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// A team channel follows a business unit through the Microsoft 365 Agents Playground: "link" @mentioning the bot in
/// the mock team's General channel, an idea for that business unit from the form in the personal chat, and its move
/// to assessment from the triage card by the portfolio team (the playground's user, made an admin by the fixture).
/// The outbox sender then posts the status card proactively into the channel's conversation.
/// </summary>
[Collection(PlaygroundCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PlaygroundChannelTests(PlaygroundFixture fixture)
{
    private const string SetStatusVerb = "idea.setStatus";
    private const string Comment = "Worth a look: the buyers spend days on these reports.";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task LinkedChannel_IdeaOfItsBusinessUnitMovedToAssessment_StatusCardArrivesInTheChannel()
    {
        var client = fixture.Client;
        Assert.Equal(PlaygroundFixture.PlaygroundUserObjectId, client.UserObjectId);
        var channelId = client.GeneralChannelId;
        Assert.True(channelId is not null, "The playground's configuration has no team channel.");

        // The idea form offers the business units; the channel follows the one the idea will be submitted for.
        var (formMessage, form) = await PlaygroundIdeaTests.OpenFormAsync(fixture);
        var typed = PlaygroundIdeaTests.FilledIn(form);
        var businessUnit = typed["businessUnit"];

        client.DiscardReceived();
        await client.InstallAsync(channelId, CancellationToken.None);
        await client.SendMentioningBotAsync(channelId, $"link {businessUnit}", CancellationToken.None);
        var linked = await client.CollectAsync(
            m => InChannel(m, channelId) && m.Text.Contains("This channel", StringComparison.Ordinal) && m.Text.Contains(businessUnit, StringComparison.Ordinal),
            ReplyTimeout);
        Assert.True(linked.Match is not null, $"No link confirmation reached the channel.\n{linked}\n{fixture.PlaygroundLog}");
        Assert.Contains("status updates", linked.Match.Text, StringComparison.Ordinal);

        var submitted = await client.ExecuteCardActionAsync(formMessage, PlaygroundIdeaTests.SubmitVerb, typed, CancellationToken.None);
        var confirmation = submitted.Card;
        Assert.True(confirmation is not null, $"The form's invoke response carries no card:\n{submitted}\n{fixture.PlaygroundLog}");
        var ideaId = PlaygroundIdeaTests.IdeaId().Match(confirmation.AllText).Value;
        Assert.True(ideaId.Length > 0, $"The confirmation names no idea:\n{confirmation}");

        var triage = await client.SendAndCollectAsync("triage", m => m.AdaptiveCards.Any(c => MoveToAssessment(c, ideaId) is not null), ReplyTimeout);
        Assert.True(triage.Match is not null, $"No triage card with a move button for {ideaId} reached the playground.\n{triage}\n{fixture.PlaygroundLog}");
        var triageCard = triage.Match.AdaptiveCards.First(c => MoveToAssessment(c, ideaId) is not null);
        var move = MoveToAssessment(triageCard, ideaId)!.Value;

        // What the web UI sends for the click: the button's data plus the card's filled-in inputs (here the comment on this idea).
        var value = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = move.GetProperty("title").GetString(),
                ["verb"] = SetStatusVerb,
                ["data"] = triageCard.ActionData(move, new Dictionary<string, string> { [$"comment.{ideaId}"] = Comment }),
            },
        };
        client.DiscardReceived();
        var moved = await client.InvokeCardActionAsync(triage.Match.MessageId ?? "", value, CancellationToken.None);
        Assert.True(moved.Card is not null, $"The move's invoke response carries no card:\n{moved}\n{fixture.PlaygroundLog}");
        Assert.Contains($"{ideaId} moved from Submitted to Assessment", moved.Card.AllText, StringComparison.Ordinal);

        var delivered = await client.CollectAsync(m => m.ConversationId == channelId && IsStatusCard(m, ideaId), DeliveryTimeout);
        Assert.True(delivered.Match is not null, $"No status card for {ideaId} reached the channel {channelId}.\n{delivered}\n{fixture.PlaygroundLog}");
        var card = delivered.Match.AdaptiveCards.First(c => c.AllText.Contains(ideaId, StringComparison.Ordinal));
        Assert.Equal("Submitted → Assessment", card.FactValue("Status"));
        Assert.Contains(businessUnit, card.AllText, StringComparison.Ordinal);
        Assert.Contains(Comment, card.AllText, StringComparison.Ordinal);

        // The submitter's own notice goes to the personal chat; waited for here so it does not reach a later test's turn.
        var notice = delivered.Messages.FirstOrDefault(m => m.ConversationId == client.ConversationId && IsStatusCard(m, ideaId))
            ?? (await client.CollectAsync(m => m.ConversationId == client.ConversationId && IsStatusCard(m, ideaId), DeliveryTimeout)).Match;
        Assert.True(notice is not null, $"The submitter's notice for {ideaId} did not reach the personal chat.\n{fixture.PlaygroundLog}");
    }

    /// <summary>The triage card's "Move to Assessment" button of the idea; null when the card has none.</summary>
    private static JsonElement? MoveToAssessment(PlaygroundCard card, string ideaId) => card.Actions
        .Where(a => a.TryGetProperty("verb", out var verb) && verb.GetString() == SetStatusVerb)
        .Where(a => a.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("ideaId", out var id) && id.GetString() == ideaId
            && data.TryGetProperty("status", out var status) && status.GetString() == "assessment")
        .Select(a => (JsonElement?)a)
        .FirstOrDefault();

    /// <summary>
    /// True for a message in the channel: the bot's replies in a channel go to the thread of the message they answer,
    /// whose conversation id is the channel's followed by ";messageid=" and the thread's root message.
    /// </summary>
    private static bool InChannel(PlaygroundMessage message, string channelId) =>
        message.ConversationId is { } id && (id == channelId || id.StartsWith(channelId + ";", StringComparison.Ordinal));

    private static bool IsStatusCard(PlaygroundMessage message, string ideaId) =>
        message.AdaptiveCards.Any(c => c.AllText.Contains(ideaId, StringComparison.Ordinal) && c.FactValue("Status") == "Submitted → Assessment");
}
