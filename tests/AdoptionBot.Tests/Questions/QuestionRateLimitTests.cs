using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Questions;

/// <summary>Questions:MaxPerMinute: one person's questions beyond the limit get a friendly refusal, not an answer.</summary>
public sealed class QuestionRateLimitTests
{
    [Fact]
    public async Task QuestionsBeyondTheLimit_GetAFriendlyMessage_AreNotAnsweredOrRecorded_OthersStillAsk()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Questions:MaxPerMinute"] = "2" });
        var first = await bot.AskAsync(bot.Activity("personal-message.json"));
        var second = await bot.AskAsync(bot.Activity("personal-message.json"));
        var third = await bot.AskAsync(bot.Activity("personal-message.json"));
        var someoneElse = await bot.AskAsync(bot.Activity("personal-message.json", a => a["from"]!["aadObjectId"] = "9a8b7c6d-0000-4000-8000-0000000000cd"));

        Assert.Contains("ChatGPT", first.Text, StringComparison.Ordinal);
        Assert.Contains("ChatGPT", second.Text, StringComparison.Ordinal);
        Assert.StartsWith("You've asked 2 questions in the last minute", third.Text, StringComparison.Ordinal);
        Assert.Null(third.Citations);
        Assert.Contains("ChatGPT", someoneElse.Text, StringComparison.Ordinal);
        Assert.Equal(3, await bot.QueryStoreAsync(db => db.Questions.CountAsync()));
    }

    [Fact]
    public void Allowance_ComesBackAMinuteAfterTheQuestionsWereAsked()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        using var limit = new QuestionRateLimit(Options.Create(new QuestionsOptions { MaxPerMinute = 3 }), time);
        var anna = Sender("5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80");

        var firstThree = Enumerable.Range(0, 3).Select(_ => limit.TryTake(anna)).ToList();
        var fourth = limit.TryTake(anna);
        time.Advance(TimeSpan.FromSeconds(59));
        var justBeforeTheMinute = limit.TryTake(anna);
        time.Advance(TimeSpan.FromSeconds(2));
        var afterTheMinute = limit.TryTake(anna);

        Assert.All(firstThree, Assert.True);
        Assert.False(fourth);
        Assert.False(justBeforeTheMinute);
        Assert.True(afterTheMinute);
    }

    [Fact]
    public void ObjectIdDecides_NotTheChannelUserId_AndZeroTurnsTheLimitOff()
    {
        var time = new FakeTimeProvider();
        using var limit = new QuestionRateLimit(Options.Create(new QuestionsOptions { MaxPerMinute = 1 }), time);
        using var off = new QuestionRateLimit(Options.Create(new QuestionsOptions { MaxPerMinute = 0 }), time);
        var anna = Sender("5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80", "29:first-device");
        var annaAgain = Sender("5F2D6A3E-8C1B-4F7E-9A2D-3B4C5D6E7F80", "29:another-channel-id");

        Assert.True(limit.TryTake(anna));
        Assert.False(limit.TryTake(annaAgain));
        Assert.All(Enumerable.Range(0, 100).Select(_ => off.TryTake(anna)), Assert.True);
    }

    private static Activity Sender(string objectId, string channelUserId = "29:anna") =>
        new() { Type = ActivityTypes.Message, From = new ChannelAccount(channelUserId, "Anna", aadObjectId: objectId) };
}
