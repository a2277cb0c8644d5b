using AdoptionBot.Core;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Core;

/// <summary>RateLimit:MaxPerMinute: one allowance per person for questions, commands and card actions together.</summary>
public sealed class UserRateLimitTests
{
    private const string Refused = "requests from you in the last minute";

    [Fact]
    public async Task QuestionsBeyondTheLimit_GetAFriendlyMessage_AreNotAnsweredOrRecorded_OthersStillAsk()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["RateLimit:MaxPerMinute"] = "2" });
        var first = await bot.AskAsync(bot.Activity("personal-message.json"));
        var second = await bot.AskAsync(bot.Activity("personal-message.json"));
        var third = await bot.AskAsync(bot.Activity("personal-message.json"));
        var someoneElse = await bot.AskAsync(bot.Activity("personal-message.json", a => a["from"]!["aadObjectId"] = "9a8b7c6d-0000-4000-8000-0000000000cd"));

        Assert.Contains("ChatGPT", first.Text, StringComparison.Ordinal);
        Assert.Contains("ChatGPT", second.Text, StringComparison.Ordinal);
        Assert.StartsWith("That is 2 " + Refused, third.Text, StringComparison.Ordinal);
        Assert.Null(third.Citations);
        Assert.Contains("ChatGPT", someoneElse.Text, StringComparison.Ordinal);
        Assert.Equal(3, await bot.QueryStoreAsync(db => db.Questions.CountAsync()));
    }

    [Fact]
    public async Task CommandsAndCardActions_ShareTheAllowance_AndARefusedSubmissionLeavesTheFormAndStoresNothing()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["RateLimit:MaxPerMinute"] = "3" });
        var formId = await bot.NewIdeaFormAsync();                                                                  // 1: new idea
        var idea = await bot.SubmitIdeaAsync("Supplier report summaries");                                          // 2: new idea, 3: submit
        var page = await bot.AskAsync(bot.Activity("personal-message.json", a => a["text"] = "idea " + idea));     // 4: refused
        var submission = await bot.PressAndReadAsync(BotTestHost.IdeaSubmission(formId, "Tender preparation helper")); // 5: refused
        var digest = await bot.AskAsync(bot.Activity("personal-message.json", a => a["text"] = "digest preview")); // 6: refused
        var question = await bot.AskAsync(bot.Activity("personal-message.json"));                                  // 7: refused

        Assert.StartsWith("That is 3 " + Refused, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Supplier report summaries", page.Activity.ToJsonString(), StringComparison.Ordinal);

        // Answered as a message, not a card: Teams keeps the form and what was typed into it.
        Assert.Contains("application/vnd.microsoft.activity.message", submission, StringComparison.Ordinal);
        Assert.Contains(Refused, submission, StringComparison.Ordinal);
        Assert.Equal(1, await bot.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
        Assert.False(await bot.QueryStoreAsync(db => db.Ideas.AnyAsync(i => i.FormId == formId)));

        Assert.StartsWith("That is 3 " + Refused, digest.Text, StringComparison.Ordinal);
        Assert.StartsWith("That is 3 " + Refused, question.Text, StringComparison.Ordinal);
        Assert.Equal(0, await bot.QueryStoreAsync(db => db.Questions.CountAsync()));
    }

    [Fact]
    public async Task ACardActionSentAsAMessage_IsRefusedWithAMessage()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["RateLimit:MaxPerMinute"] = "1" });
        var formId = await bot.NewIdeaFormAsync();
        var reply = await bot.AskAsync(bot.Activity("personal-message.json", a =>
        {
            a["text"] = null;
            a["value"] = System.Text.Json.Nodes.JsonNode.Parse(BotTestHost.IdeaSubmission(formId, "Tender preparation helper").ToJsonString());
        }));

        Assert.StartsWith("That is 1 " + Refused, reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, await bot.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
    }

    [Fact]
    public void Allowance_ComesBackAMinuteAfterTheRequestsWereMade()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        using var limit = Limit(3, time);
        var anna = Sender("5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80");

        var firstThree = Enumerable.Range(0, 3).Select(_ => limit.TryTake(anna, "question")).ToList();
        var fourth = limit.TryTake(anna, "command");
        time.Advance(TimeSpan.FromSeconds(59));
        var justBeforeTheMinute = limit.TryTake(anna, "card action");
        time.Advance(TimeSpan.FromSeconds(2));
        var afterTheMinute = limit.TryTake(anna, "question");

        Assert.All(firstThree, Assert.True);
        Assert.False(fourth);
        Assert.False(justBeforeTheMinute);
        Assert.True(afterTheMinute);
    }

    [Fact]
    public void ObjectIdDecides_NotTheChannelUserId_AndZeroTurnsTheLimitOff()
    {
        var time = new FakeTimeProvider();
        using var limit = Limit(1, time);
        using var off = Limit(0, time);
        var anna = Sender("5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80", "29:first-device");
        var annaAgain = Sender("5F2D6A3E-8C1B-4F7E-9A2D-3B4C5D6E7F80", "29:another-channel-id");

        Assert.True(limit.TryTake(anna, "question"));
        Assert.False(limit.TryTake(annaAgain, "question"));
        Assert.All(Enumerable.Range(0, 100).Select(_ => off.TryTake(anna, "question")), Assert.True);
    }

    private static UserRateLimit Limit(int perMinute, TimeProvider time) =>
        new(Options.Create(new RateLimitOptions { MaxPerMinute = perMinute }), time, NullLogger<UserRateLimit>.Instance);

    private static Activity Sender(string objectId, string channelUserId = "29:anna") =>
        new() { Type = ActivityTypes.Message, From = new ChannelAccount(channelUserId, "Anna", aadObjectId: objectId) };
}
