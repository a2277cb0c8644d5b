using System.Text.Json;
using System.Text.Json.Nodes;
using AdoptionBot.Experts;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// The expert loop through the Microsoft 365 Agents Playground: Alex Wilber (portfolio team) links the team's General
/// channel as the experts' channel and asks a question the knowledge base does not cover; Megan Bowen takes and
/// answers the ticket in the channel; the answer reaches Alex's 1:1 chat; Megan publishes it as an FAQ entry, Alex
/// approves it, and the same question in other words is answered from it with a citation.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundExpertLoopTests(PlaygroundFixture fixture)
{
    /// <summary>Not in the sample knowledge base; the FAQ entry below answers it.</summary>
    private const string Question = "When is the next AI hackathon and how do I register my team?";
    private const string Paraphrase = "How do I sign up my team for the next AI hackathon?";
    private const string FaqQuestion = "When is the next AI hackathon, and how does a team register?";
    private const string ExpertAnswer = "The next AI hackathon runs on 18 and 19 March 2027 in the Hamburg innovation lab. Teams of three to five register on the hackathon page of the intranet until 1 March.";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Loop_AskTakeAnswerRelayPublishApprove_ThenAnsweredFromTheFaq()
    {
        var client = fixture.Client;
        var channel = client.GeneralChannelId ?? throw new InvalidOperationException("The playground's configuration has no team channel.");
        await client.InstallAsync(channel, CancellationToken.None);
        client.DiscardReceived();
        var linkMessage = await client.SendMentioningBotAsync(channel, "link experts", CancellationToken.None);
        var linked = await client.CollectAsync(m => m.ConversationId is { } c && c.StartsWith(channel, StringComparison.Ordinal) && m.Text.Contains("experts' channel", StringComparison.Ordinal), ReplyTimeout);
        Assert.True(linked.Match is not null, $"No answer to link experts ({linkMessage}).\n{linked}");

        // Alex asks; the answer says it is not covered and offers the GenAI team.
        var asked = await fixture.AskQuestionAsync(Question, ReplyTimeout);
        Assert.Contains("don't cover", asked.Match!.Text, StringComparison.Ordinal);

        // The playground shows the answer's cards as a message of their own, right after its text.
        var offered = await client.CollectAsync(m => m.AdaptiveCards.Any(c => c.ExecuteAction(ExpertCards.AskFormVerb) is not null), ReplyTimeout);
        Assert.True(offered.Match is not null, $"No 'Ask the GenAI team' under the answer:\n{asked}\n{offered}");
        var answer = offered.Match;

        var form = (await client.ExecuteCardActionAsync(answer, ExpertCards.AskFormVerb, new Dictionary<string, string>(), CancellationToken.None)).Card!;
        var sent = (await Press(answer.MessageId!, form, ExpertCards.AskVerb, new Dictionary<string, string> { [ExpertCards.ContextInput] = "We plan a fine-tuning pilot." })).AllText;
        var ticketId = System.Text.RegularExpressions.Regex.Match(sent, @"ASK-\d{4,}").Value;
        Assert.True(ticketId.Length > 0, sent);

        // The ticket's card in the experts' channel; Megan takes it there, and the posted card changes for everyone.
        var posted = await client.CollectAsync(m => m.Action == "createMessage" && m.ConversationId is { } c && c.StartsWith(channel, StringComparison.Ordinal) && m.AdaptiveCards.Any(card => card.AllText.Contains(ticketId, StringComparison.Ordinal)), ReplyTimeout);
        Assert.True(posted.Match is not null, $"No card of {ticketId} in the channel.\n{posted}");
        var ticketCard = posted.Match;
        Assert.Contains("Alex Wilber", ticketCard.AdaptiveCards[0].AllText, StringComparison.Ordinal);
        // A post at the channel's root starts a thread: its buttons are pressed in that thread's conversation.
        var channelConversation = ticketCard.ConversationId!.Contains(";messageid=", StringComparison.Ordinal)
            ? ticketCard.ConversationId
            : $"{ticketCard.ConversationId};messageid={ticketCard.MessageId}";

        var taken = await Press(ticketCard.MessageId!, ticketCard.AdaptiveCards[0], ExpertCards.TakeVerb, new Dictionary<string, string>(), PlaygroundFixture.SecondUserId, channelConversation);
        Assert.Contains("taken by Megan Bowen", taken.AllText, StringComparison.Ordinal);
        var updated = await client.CollectAsync(m => m.Action == "updateMessage" && m.MessageId == ticketCard.MessageId && m.AdaptiveCards.Any(c => c.AllText.Contains("taken by Megan Bowen", StringComparison.Ordinal)), ReplyTimeout);
        Assert.True(updated.Match is not null, $"The channel's card of {ticketId} was not updated in place.\n{updated}");

        // Her answer reaches Alex's 1:1 chat with her name; Alex says it helped.
        var answerForm = await Press(ticketCard.MessageId!, taken, ExpertCards.AnswerFormVerb, new Dictionary<string, string>(), PlaygroundFixture.SecondUserId, channelConversation);
        var answered = await Press(ticketCard.MessageId!, answerForm, ExpertCards.AnswerVerb, new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer }, PlaygroundFixture.SecondUserId, channelConversation);
        Assert.Contains("Answered", answered.AllText, StringComparison.Ordinal);
        var relay = await client.CollectAsync(m => m.ConversationId == client.ConversationId && m.AdaptiveCards.Any(c => c.AllText.Contains($"The GenAI team answered your question ({ticketId})", StringComparison.Ordinal)), ReplyTimeout);
        Assert.True(relay.Match is not null, $"No answer relayed for {ticketId}.\n{relay}");
        Assert.Contains("Megan Bowen answers:", relay.Match.AdaptiveCards[0].AllText, StringComparison.Ordinal);
        var helped = await client.ExecuteCardActionAsync(relay.Match, ExpertCards.HelpedVerb, new Dictionary<string, string>(), CancellationToken.None);
        Assert.Contains("is closed", helped.Card!.AllText, StringComparison.Ordinal);

        // Megan publishes it as an FAQ entry; the approval comes to Alex (portfolio team), who approves it.
        var publishForm = await Press(ticketCard.MessageId!, answered, ExpertCards.PublishFormVerb, new Dictionary<string, string>(), PlaygroundFixture.SecondUserId, channelConversation);
        var proposed = await Press(ticketCard.MessageId!, publishForm, ExpertCards.PublishVerb, new Dictionary<string, string>
        {
            [ExpertCards.FaqQuestionInput] = FaqQuestion,
            [ExpertCards.FaqAnswerInput] = ExpertAnswer,
        }, PlaygroundFixture.SecondUserId, channelConversation);
        Assert.Contains("waits for a portfolio-team member's approval", proposed.AllText, StringComparison.Ordinal);
        var approval = await client.CollectAsync(m => m.ConversationId == client.ConversationId && m.AdaptiveCards.Any(c => c.ExecuteAction(FaqCards.ApproveVerb) is not null), ReplyTimeout);
        Assert.True(approval.Match is not null, $"No approval card.\n{approval}");
        var approved = await client.ExecuteCardActionAsync(approval.Match, FaqCards.ApproveVerb, new Dictionary<string, string>(), CancellationToken.None);
        Assert.Contains("is published", approved.Card!.AllText, StringComparison.Ordinal);

        var again = await fixture.AskQuestionAsync(Paraphrase, ReplyTimeout);
        var fromFaq = again.Messages.FirstOrDefault(m => m.CitationPositions.Count > 0);
        Assert.True(fromFaq is not null, $"The paraphrase was not answered with a citation:\n{again}");
        Assert.Contains("FAQ — " + FaqQuestion, fromFaq.AiEntity!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("hackathon", fromFaq.Text, StringComparison.Ordinal);
    }

    /// <summary>Presses a button of a card as the web UI does (the card's inputs with <paramref name="typed"/>); returns the card the bot answers with.</summary>
    private async Task<PlaygroundCard> Press(string messageId, PlaygroundCard card, string verb, IReadOnlyDictionary<string, string> typed, string? fromUserId = null, string? conversationId = null)
    {
        var action = card.ExecuteAction(verb) ?? throw new InvalidOperationException($"The card has no '{verb}' button:\n{card.AllText}");
        var value = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = action.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null,
                ["verb"] = verb,
                ["data"] = card.ActionData(action, typed),
            },
        };
        var response = await fixture.Client.InvokeCardActionAsync(messageId, value, CancellationToken.None, fromUserId, conversationId);
        Assert.True(response.Card is not null, $"The invoke response carries no card:\n{response}\n{fixture.PlaygroundLog}");
        return response.Card;
    }
}
