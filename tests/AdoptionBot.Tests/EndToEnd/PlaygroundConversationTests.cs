namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// The bot through a real third-party Teams client, the Microsoft 365 Agents Playground: messages go from the
/// playground to /api/messages as Teams activities, and the bot's replies go back over the Bot Connector API that
/// the playground serves, which checks them against the Teams schema (citations included) before showing them.
/// </summary>
[Collection(PlaygroundCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PlaygroundConversationTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Help_SentThroughPlayground_BotReplies()
    {
        var replies = await fixture.Client.SendAndCollectAsync("help", m => m.Text.Length > 0, ReplyTimeout);

        Assert.True(replies.Match is not null, $"No reply to 'help' reached the playground.\n{replies}\n{fixture.PlaygroundLog}");
        Assert.Contains("help", replies.Match.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("something went wrong", replies.Match.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Installation_InPersonalChat_BotWelcomesTheUser()
    {
        fixture.Client.DiscardReceived();

        await fixture.Client.InstallAsync(CancellationToken.None);
        var replies = await fixture.Client.CollectAsync(m => m.Text.Length > 0, ReplyTimeout);

        Assert.True(replies.Match is not null, $"No welcome reached the playground after installation.\n{replies}\n{fixture.PlaygroundLog}");
    }

    [Fact]
    public async Task CoveredQuestion_SentThroughPlayground_AnswerCitesSourcesAtItsMarkers()
    {
        var replies = await fixture.AskQuestionAsync("Can I paste customer data into ChatGPT?", ReplyTimeout);

        var answer = replies.Match;
        Assert.True(answer is not null, $"No answer reached the playground.\n{replies}\n{fixture.PlaygroundLog}");
        Assert.True(answer.AiEntity is not null, $"The answer reached the playground without a citation entity:\n{answer}");
        Assert.Equal("https://schema.org/Message", answer.AiEntity.Value.GetProperty("type").GetString());
        Assert.True(answer.IsLabelledAiGenerated, $"The answer is not labelled AI generated:\n{answer}");
        Assert.NotEmpty(answer.CitationPositions);
        Assert.NotEmpty(answer.TextMarkers);
        Assert.Equal(answer.TextMarkers.Order(), answer.CitationPositions.Distinct().Order());
    }

    [Fact]
    public async Task UncoveredQuestion_SentThroughPlayground_AnswerHasNoCitations()
    {
        var replies = await fixture.AskQuestionAsync("What is on the canteen menu today?", ReplyTimeout);

        var answer = replies.Match;
        Assert.True(answer is not null, $"No answer reached the playground.\n{replies}\n{fixture.PlaygroundLog}");
        Assert.DoesNotContain("something went wrong", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(answer.AiEntity is null, $"An answer to an uncovered question carries a citation entity:\n{answer}");
        Assert.Empty(answer.CitationPositions);
    }
}
