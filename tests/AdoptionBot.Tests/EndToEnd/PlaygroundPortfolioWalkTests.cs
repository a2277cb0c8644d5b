using System.Text.Json;
using System.Text.Json.Nodes;
using AdoptionBot.Ideas;
using AdoptionBot.Ideas.Portfolio;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// The portfolio office's walk through the Microsoft 365 Agents Playground, three of its built-in users acting: Alex
/// Wilber (portfolio team) submits an idea and gives the first answer, Megan Bowen (portfolio team) assesses it, Alex
/// screens it high-risk (employment), its move to proof of concept is refused with the missing items, the item is
/// ticked, the move goes on the board agenda, Adele Vance (Legal) signs it off and the board approves it into PoC;
/// and a second idea screened as emotion recognition of workers is blocked as prohibited.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundPortfolioWalkTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Walk_SubmitAcceptAssessScreenGateTickBoardPoc_AndAProhibitedPracticeIsBlocked()
    {
        var client = fixture.Client;
        var ideaId = await SubmitAsync();

        // The first answer, within the promise: triage says when it is due; accepting moves it to assessment.
        var triage = await client.SendAndCollectAsync("triage", m => m.AdaptiveCards.Any(c => Accept(c, ideaId) is not null), ReplyTimeout);
        Assert.True(triage.Match is not null, $"No triage card offered to accept {ideaId}.\n{triage}\n{fixture.PlaygroundLog}");
        var triageCard = triage.Match.AdaptiveCards.First(c => Accept(c, ideaId) is not null);
        Assert.Contains("first answer due", triageCard.AllText, StringComparison.Ordinal);
        var accepted = await Press(triage.Match.MessageId, triageCard, Accept(triageCard, ideaId)!.Value);
        Assert.Contains($"{ideaId} moved from Submitted to Assessment", accepted, StringComparison.Ordinal);

        // The assessment by a second team member (the submitter may not assess): value 4 × feasibility 4. The other
        // users are members of the playground's team, not of Alex's personal chat: they press in its General channel.
        var own = await InvokeAsync(triage.Match.MessageId, Assessment(ideaId));
        Assert.Contains("someone else assesses it", own, StringComparison.Ordinal);
        var groupChat = client.GeneralChannelId ?? throw new InvalidOperationException("The playground's configuration has no team channel.");
        await client.InstallAsync(groupChat, CancellationToken.None);
        client.DiscardReceived();
        var asked = await client.SendMentioningBotAsync(groupChat, "help", CancellationToken.None);

        // The bot's answer to that very message, in its thread (not a status card or an answer of another test there).
        var help = await client.CollectAsync(m => m.MessageId is not null && m.ConversationId is { } c && c.StartsWith(groupChat, StringComparison.Ordinal) && (c.Contains(asked, StringComparison.Ordinal) || ReplyTo(m) == asked), ReplyTimeout);
        Assert.True(help.Match is not null, $"No answer in the channel's thread of message {asked}.\n{help}");
        var inGroupChat = help.Match.MessageId!;
        groupChat = help.Match.ConversationId!;
        var assessed = await InvokeAsync(inGroupChat, Assessment(ideaId), PlaygroundFixture.SecondUserId, groupChat);
        Assert.Contains("score 16 of 25", assessed, StringComparison.Ordinal);

        var screened = await InvokeAsync(triage.Match.MessageId, Screening(ideaId, annexThree: "employment"));
        Assert.Contains("High-risk — Annex III: employment", screened, StringComparison.Ordinal);

        // Proof of concept: refused with what is missing and who ticks it; ticked; then it goes to the board.
        var refused = await InvokeAsync(triage.Match.MessageId, Move(ideaId, "poc"));
        Assert.Contains("cannot move to Proof of concept yet", refused, StringComparison.Ordinal);
        Assert.Contains("Data-protection pre-check passed (with the data protection officer) — ticked by the portfolio office", refused, StringComparison.Ordinal);
        var ticked = await InvokeAsync(triage.Match.MessageId, Tick(ideaId, "https://dpo.example/checks/4711"));
        Assert.Contains("Ticked for", ticked, StringComparison.Ordinal);
        var queued = await InvokeAsync(triage.Match.MessageId, Move(ideaId, "poc"));
        Assert.Contains("on the agenda of the portfolio board", queued, StringComparison.Ordinal);

        // The board: Legal signs off, the board approves, the use case is in proof of concept.
        var agenda = await client.SendAndCollectAsync("board", m => m.AdaptiveCards.Any(c => c.AllText.Contains(ideaId, StringComparison.Ordinal)), ReplyTimeout);
        Assert.True(agenda.Match is not null, $"No board agenda with {ideaId}.\n{agenda}");
        var agendaCard = agenda.Match.AdaptiveCards.First(c => c.AllText.Contains(ideaId, StringComparison.Ordinal));
        Assert.Contains("Papers due", agendaCard.AllText, StringComparison.Ordinal);
        var approve = agendaCard.Actions.First(a => a.GetProperty("verb").GetString() == PortfolioCards.BoardDecideVerb && a.GetProperty("data").GetProperty("decision").GetString() == "approved");
        var itemId = approve.GetProperty("data").GetProperty("itemId").GetInt64();
        var signed = await InvokeAsync(inGroupChat, Execute(PortfolioCards.SignOffVerb, new JsonObject { ["verb"] = PortfolioCards.SignOffVerb, ["itemId"] = itemId }), PlaygroundFixture.ThirdUserId, groupChat);
        Assert.Contains($"{ideaId} signed off for the board", signed, StringComparison.Ordinal);
        var approved = await Press(agenda.Match.MessageId, agendaCard, approve);
        Assert.Contains($"The board approved {ideaId}", approved, StringComparison.Ordinal);

        // The idea's page, not the notice of its move ("Assessment → Proof of concept") that may arrive meanwhile.
        var page = await client.SendAndCollectAsync($"idea {ideaId}", m => m.AdaptiveCards.Any(c => c.AllText.Contains(ideaId, StringComparison.Ordinal) && c.FactValue("Status") is { } status && !status.Contains('→', StringComparison.Ordinal)), ReplyTimeout);
        Assert.True(page.Match is not null, $"No page of {ideaId}.\n{page}");
        Assert.Equal("Proof of concept", page.Match.AdaptiveCards.First(c => c.AllText.Contains(ideaId, StringComparison.Ordinal)).FactValue("Status"));

        // A second idea whose screening finds emotion recognition of workers cannot move forward.
        var second = await SubmitAsync();
        var secondTriage = await client.SendAndCollectAsync("triage", m => m.AdaptiveCards.Any(c => Accept(c, second) is not null), ReplyTimeout);
        var secondCard = secondTriage.Match!.AdaptiveCards.First(c => Accept(c, second) is not null);
        await Press(secondTriage.Match.MessageId, secondCard, Accept(secondCard, second)!.Value);
        var prohibited = await InvokeAsync(secondTriage.Match.MessageId, Screening(second, prohibited: "emotion-recognition-work-education"));
        Assert.Contains("Prohibited", prohibited, StringComparison.Ordinal);
        var blocked = await InvokeAsync(secondTriage.Match.MessageId, Move(second, "poc"));
        Assert.Contains("prohibited practice", blocked, StringComparison.Ordinal);
    }

    private async Task<string> SubmitAsync()
    {
        var (formMessage, form) = await PlaygroundIdeaTests.OpenFormAsync(fixture);
        var submitted = await fixture.Client.ExecuteCardActionAsync(formMessage, PlaygroundIdeaTests.SubmitVerb, PlaygroundIdeaTests.FilledIn(form), CancellationToken.None);
        Assert.True(submitted.Card is not null, $"The form's invoke response carries no card:\n{submitted}");
        var ideaId = PlaygroundIdeaTests.IdeaId().Match(submitted.Card.AllText).Value;
        Assert.True(ideaId.Length > 0, $"The confirmation names no idea:\n{submitted.Card}");
        return ideaId;
    }

    /// <summary>Presses a button of a card the playground shows, with the card's inputs as the web UI sends them.</summary>
    private async Task<string> Press(string? messageId, PlaygroundCard card, JsonElement action)
    {
        var value = Execute(action.GetProperty("verb").GetString()!, card.ActionData(action, new Dictionary<string, string>()), action.TryGetProperty("title", out var t) ? t.GetString() : null);
        return await InvokeAsync(messageId, value);
    }

    private async Task<string> InvokeAsync(string? replyToId, JsonObject value, string? fromUserId = null, string? conversationId = null)
    {
        var response = await fixture.Client.InvokeCardActionAsync(replyToId ?? "", value, CancellationToken.None, fromUserId, conversationId);
        Assert.True(response.Card is not null, $"The invoke response carries no card:\n{response}\n{fixture.PlaygroundLog}");
        return response.Card.AllText;
    }

    private static string? ReplyTo(PlaygroundMessage message) =>
        message.Message.TryGetProperty("replyToId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static JsonObject Execute(string verb, JsonObject data, string? title = null) => new()
    {
        ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data },
    };

    private static JsonElement? Accept(PlaygroundCard card, string ideaId) => card.Actions
        .Where(a => a.TryGetProperty("verb", out var verb) && verb.GetString() == IdeaCards.SetStatusVerb)
        .Where(a => a.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("ideaId", out var id) && id.GetString() == ideaId
            && data.TryGetProperty("status", out var status) && status.GetString() == "assessment")
        .Select(a => (JsonElement?)a)
        .FirstOrDefault();

    private static JsonObject Assessment(string ideaId) => Execute(PortfolioCards.AssessVerb, new JsonObject
    {
        ["verb"] = PortfolioCards.AssessVerb,
        ["ideaId"] = ideaId,
        ["value"] = "4",
        ["valueRationale"] = "30 buyers save about 6 hours a week each.",
        ["feasibility"] = "4",
        ["feasibilityRationale"] = "The reports are PDFs the gateway's large model reads well.",
        ["dataAvailability"] = "available",
        ["reuseCheck"] = "No use case in the catalogue does this.",
        ["successCriteria"] = "8 of 10 summaries accepted without edits; half the reading time.",
    });

    private static JsonObject Screening(string ideaId, string prohibited = "", string annexThree = "") => Execute(PortfolioCards.ScreenVerb, new JsonObject
    {
        ["verb"] = PortfolioCards.ScreenVerb,
        ["ideaId"] = ideaId,
        ["prohibited"] = prohibited,
        ["safetyComponent"] = "false",
        ["annexThree"] = annexThree,
        ["narrowTask"] = "false",
        ["profiling"] = "false",
        ["transparency"] = "",
        ["role"] = "deployer",
    });

    private static JsonObject Move(string ideaId, string stage) =>
        Execute(IdeaCards.SetStatusVerb, new JsonObject { ["verb"] = IdeaCards.SetStatusVerb, ["ideaId"] = ideaId, ["status"] = stage });

    private static JsonObject Tick(string ideaId, string link) => Execute(PortfolioCards.TickVerb, new JsonObject
    {
        ["verb"] = PortfolioCards.TickVerb,
        ["ideaId"] = ideaId,
        ["stage"] = "poc",
        ["criterion"] = "data-protection-precheck",
        [PortfolioCards.LinkInputId("data-protection-precheck")] = link,
    });
}
