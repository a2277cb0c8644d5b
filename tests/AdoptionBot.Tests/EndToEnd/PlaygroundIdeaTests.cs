using System.Text.RegularExpressions;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// The idea form through the Microsoft 365 Agents Playground: "new idea" brings the Adaptive Card form; its
/// Action.Execute goes to the bot as an adaptiveCard/action invoke, and the card in the bot's invoke response is what
/// the playground's web UI draws in place of the form. Clients that only know Action.Submit send a message with the
/// form's values instead and get the confirmation as a new message.
/// </summary>
[Collection(PlaygroundCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class PlaygroundIdeaTests(PlaygroundFixture fixture)
{
    internal const string SubmitVerb = "idea.submit";
    private const string Title = "Summarise supplier audit findings";
    private const string Problem = "Supplier audit reports run to forty pages; buyers read them line by line to find the findings that need action.";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan BusinessUnitsTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Long enough for a stray message from the bot's turn to reach the stream after the invoke returned.</summary>
    private static readonly TimeSpan NoNewMessageWindow = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task NewIdea_FormFilledAndExecuted_FormIsReplacedByConfirmationWithIdeaIdAndStatus()
    {
        var (formMessage, form) = await OpenFormAsync(fixture);

        var response = await fixture.Client.ExecuteCardActionAsync(formMessage, SubmitVerb, FilledIn(form), CancellationToken.None);
        var afterwards = await fixture.Client.CollectAsync(_ => true, NoNewMessageWindow);

        Assert.Equal(PlaygroundCard.ContentType, response.Type);
        var confirmation = response.Card;
        Assert.True(confirmation is not null, $"The invoke response carries no card for the playground to draw:\n{response}\n{fixture.PlaygroundLog}");
        Assert.Matches(IdeaId(), confirmation.AllText);
        Assert.Equal("Submitted", confirmation.FactValue("Status"));
        Assert.Contains(Title, confirmation.FactValue("Idea") ?? "", StringComparison.Ordinal);
        Assert.Empty(confirmation.Inputs);
        Assert.True(afterwards.Messages.Count == 0, $"The confirmation should replace the form, but the bot also sent a message:\n{afterwards}");
    }

    [Fact]
    public async Task NewIdea_ExecutedWithEmptyTitle_FormComesBackWithTheOtherValuesAndAnError()
    {
        var (formMessage, form) = await OpenFormAsync(fixture);
        var typed = new Dictionary<string, string>(FilledIn(form)) { ["title"] = "" };

        var response = await fixture.Client.ExecuteCardActionAsync(formMessage, SubmitVerb, typed, CancellationToken.None);

        var again = response.Card;
        Assert.True(again is not null, $"The invoke response carries no card for the playground to draw:\n{response}\n{fixture.PlaygroundLog}");
        Assert.True(again.ExecuteAction(SubmitVerb) is not null, $"The form did not come back:\n{again}");
        Assert.DoesNotMatch(IdeaId(), again.AllText);
        Assert.True(string.IsNullOrEmpty(again.InputValue("title")), $"The title should still be empty:\n{again}");
        Assert.Equal(typed["problem"], again.InputValue("problem"));
        Assert.Equal(typed["businessUnit"], again.InputValue("businessUnit"));
        Assert.Equal(typed["dataClassification"], again.InputValue("dataClassification"));
        Assert.Contains(again.AttentionTexts, t => t.Contains("title", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task NewIdea_SentAsActionSubmit_ConfirmationArrivesAsNewMessage()
    {
        var (formMessage, form) = await OpenFormAsync(fixture);
        var execute = form.ExecuteAction(SubmitVerb) ?? throw new InvalidOperationException($"The form has no '{SubmitVerb}' action:\n{form}");
        var value = form.ActionData(execute, FilledIn(form)); // the action's data carries the verb, as Action.Submit data would

        fixture.Client.DiscardReceived();
        await fixture.Client.SubmitCardAsync(formMessage.MessageId ?? "", value, CancellationToken.None);
        var replies = await fixture.Client.CollectAsync(m => m.AdaptiveCards.Count > 0, ReplyTimeout);

        Assert.True(replies.Match is not null, $"No confirmation reached the playground.\n{replies}\n{fixture.PlaygroundLog}");
        Assert.NotEqual(formMessage.MessageId, replies.Match.MessageId);
        var confirmation = replies.Match.AdaptiveCards[0];
        Assert.Matches(IdeaId(), confirmation.AllText);
        Assert.Equal("Submitted", confirmation.FactValue("Status"));
        Assert.Contains(Title, confirmation.FactValue("Idea") ?? "", StringComparison.Ordinal);
    }

    /// <summary>
    /// Sends "new idea" and returns the form. The business units come from the use-case catalogue, which the bot reads
    /// after its start; until then the form has none to offer, so it is asked for again.
    /// </summary>
    internal static async Task<(PlaygroundMessage Message, PlaygroundCard Form)> OpenFormAsync(PlaygroundFixture fixture)
    {
        var replies = await Poll.ReadUntilAsync(
            () => fixture.Client.SendAndCollectAsync("new idea", m => m.AdaptiveCards.Any(IsForm), ReplyTimeout),
            replies => replies.Match is null || replies.Match.AdaptiveCards.First(IsForm).ChoiceValues("businessUnit").Count > 0,
            BusinessUnitsTimeout,
            TimeSpan.FromSeconds(2));
        Assert.True(replies.Match is not null, $"No idea form reached the playground.\n{replies}\n{fixture.PlaygroundLog}");
        return (replies.Match, replies.Match.AdaptiveCards.First(IsForm));
    }

    private static bool IsForm(PlaygroundCard card) => card.ExecuteAction(SubmitVerb) is not null && card.Input("title") is not null;

    /// <summary>What a user types and picks: the required fields, with the first business unit the form offers.</summary>
    internal static Dictionary<string, string> FilledIn(PlaygroundCard form)
    {
        var businessUnits = form.ChoiceValues("businessUnit");
        Assert.True(businessUnits.Count > 0, $"The form offers no business unit:\n{form}");
        return new Dictionary<string, string>
        {
            ["title"] = Title,
            ["problem"] = Problem,
            ["businessUnit"] = businessUnits[0],
            ["dataClassification"] = "internal",
        };
    }

    [GeneratedRegex(@"IDEA-\d{4}")]
    internal static partial Regex IdeaId();
}
