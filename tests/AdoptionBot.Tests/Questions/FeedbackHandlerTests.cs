using AdoptionBot.Questions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Tests.Questions;

public sealed class FeedbackHandlerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private readonly InMemoryQuestionLog _log = new();
    private readonly FeedbackHandler _handler;

    public FeedbackHandlerTests() => _handler = new FeedbackHandler(_log, new AskerHash(Microsoft.Extensions.Options.Options.Create(new QuestionsOptions { AskerHashKey = new string('k', 40) })), [], new FakeTimeProvider(Now), NullLogger<FeedbackHandler>.Instance);

    [Fact]
    public async Task HandleAsync_LikeWithFeedbackJsonString_StoresReactionAndText()
    {
        var value = Feedback("like", new JValue("""{"feedbackText":"Clear and with the right link."}"""));

        var response = await _handler.HandleAsync(Turn(value), CancellationToken.None);

        Assert.Equal(200, response.Status);
        var stored = Assert.Single(_log.Feedback);
        Assert.Equal("answer-42", stored.AnswerId);
        Assert.Equal("like", stored.Reaction);
        Assert.Equal("Clear and with the right link.", stored.Text);
        Assert.Equal(Now.UtcDateTime, stored.ReceivedAtUtc);
    }

    [Fact]
    public async Task HandleAsync_DislikeWithFeedbackObject_StoresReactionAndText()
    {
        var value = Feedback("Dislike", new JObject { ["feedbackText"] = "  It cited the wrong policy.  " });

        var response = await _handler.HandleAsync(Turn(value), CancellationToken.None);

        Assert.Equal(200, response.Status);
        var stored = Assert.Single(_log.Feedback);
        Assert.Equal("dislike", stored.Reaction);
        Assert.Equal("It cited the wrong policy.", stored.Text);
    }

    [Fact]
    public async Task HandleAsync_FeedbackPlainString_StoredAsText()
    {
        var value = Feedback("dislike", new JValue("not json at all"));

        await _handler.HandleAsync(Turn(value), CancellationToken.None);

        Assert.Equal("not json at all", Assert.Single(_log.Feedback).Text);
    }

    [Fact]
    public async Task HandleAsync_NoFeedbackText_StoresReactionOnly()
    {
        var value = Feedback("like", feedback: null);

        await _handler.HandleAsync(Turn(value), CancellationToken.None);

        var stored = Assert.Single(_log.Feedback);
        Assert.Equal("like", stored.Reaction);
        Assert.Null(stored.Text);
    }

    [Fact]
    public async Task HandleAsync_VeryLongFeedback_StoredCutTo2000Characters()
    {
        var value = Feedback("dislike", new JObject { ["feedbackText"] = new string('a', 5000) });

        await _handler.HandleAsync(Turn(value), CancellationToken.None);

        Assert.Equal(2000, Assert.Single(_log.Feedback).Text!.Length);
    }

    [Fact]
    public async Task HandleAsync_SameSenderTwice_SameOneWayHashStored()
    {
        await _handler.HandleAsync(Turn(Feedback("like", null)), CancellationToken.None);
        await _handler.HandleAsync(Turn(Feedback("dislike", null)), CancellationToken.None);

        Assert.Equal(2, _log.Feedback.Count);
        Assert.Matches("^[0-9a-f]{64}$", _log.Feedback[0].UserHash);
        Assert.Equal(_log.Feedback[0].UserHash, _log.Feedback[1].UserHash);
    }

    [Theory]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":{"feedbackText":{"text":"nested"}}}}""")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"{\"feedbackText\":[\"nested\"]}"}}""")]
    public async Task HandleAsync_FeedbackTextNotAString_StoresReactionWithoutText(string valueJson)
    {
        var response = await _handler.HandleAsync(Turn(JObject.Parse(valueJson)), CancellationToken.None);

        Assert.Equal(200, response.Status);
        var stored = Assert.Single(_log.Feedback);
        Assert.Equal("like", stored.Reaction);
        Assert.Null(stored.Text);
    }

    public static TheoryData<string> MalformedValues() =>
    [
        """{"actionName":"feedback","actionValue":{"reaction":"love"}}""",
        """{"actionName":"feedback","actionValue":{}}""",
        """{"actionName":"feedback"}""",
        """{"actionName":"feedback","actionValue":"like"}""",
        """{"actionName":"share","actionValue":{"reaction":"like"}}""",
        """{"actionValue":{"reaction":"like"}}""",
        """{"actionName":"feedback","actionValue":{"reaction":42}}""",
        """{"actionName":"feedback","actionValue":{"reaction":{"value":"like"}}}""",
        """{"actionName":"feedback","actionValue":{"reaction":["like"]}}""",
        """{"actionName":{"name":"feedback"},"actionValue":{"reaction":"like"}}""",
        "{}",
    ];

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public async Task HandleAsync_MalformedValue_BadRequestAndNothingStored(string valueJson)
    {
        var response = await _handler.HandleAsync(Turn(JObject.Parse(valueJson)), CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Empty(_log.Feedback);
    }

    [Fact]
    public async Task HandleAsync_ValueNotAnObject_BadRequestAndNothingStored()
    {
        var response = await _handler.HandleAsync(Turn("feedback like"), CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Empty(_log.Feedback);
    }

    [Fact]
    public async Task HandleAsync_NoReplyToId_BadRequestAndNothingStored()
    {
        var response = await _handler.HandleAsync(Turn(Feedback("like", null), replyToId: null), CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Empty(_log.Feedback);
    }

    private static JObject Feedback(string reaction, JToken? feedback)
    {
        var actionValue = new JObject { ["reaction"] = reaction };
        if (feedback is not null)
        {
            actionValue["feedback"] = feedback;
        }

        return new JObject { ["actionName"] = "feedback", ["actionValue"] = actionValue };
    }

    private static TurnContext Turn(object? value, string? replyToId = "answer-42") =>
        new(new TestAdapter(), new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = FeedbackHandler.InvokeName,
            ReplyToId = replyToId,
            ChannelId = "msteams",
            From = new ChannelAccount("29:1abc", "Jana Weber", aadObjectId: "7a4c1e2f-0000-4000-8000-000000000001"),
            Conversation = new ConversationAccount(id: "a:conversation"),
            Recipient = new ChannelAccount("28:bot"),
            Value = value,
        });
}
