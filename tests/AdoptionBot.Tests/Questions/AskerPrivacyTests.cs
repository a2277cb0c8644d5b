using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Questions;

/// <summary>
/// What a stored question says about who asked it, through /api/messages: a keyed hash (Questions:AskerHashKey, made
/// into the data folder on the embedded default), the conversation only for the follow-up window, one feedback entry
/// per person and answer.
/// </summary>
public sealed class AskerPrivacyTests : IAsyncLifetime
{
    private const string Anna = BotSettings.TestUnitOwnerObjectId;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(
        configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RetentionPass)));
        });

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task StoredAsker_IsAKeyedHashUnderTheDataFoldersKey_NotThePlainHashOfTheObjectId()
    {
        await AskAsync("How fast do I have to report an AI incident?");

        var stored = await _host.QueryStoreAsync(db => db.Questions.Select(q => q.AskerHash).SingleAsync());
        var keyFile = Path.Combine(_host.DataPath, AskerHash.KeyFileName);
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.True(key.Length >= QuestionsOptions.MinAskerHashKeyLength, key.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Anna))), stored);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(Anna))), stored);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public void KeyFile_IsMadeOnceAndReadBackOnTheNextStart()
    {
        var folder = Directory.CreateTempSubdirectory("adoptionbot-key-").FullName;
        try
        {
            var first = AskerHash.LoadOrCreateKey(folder);
            var again = AskerHash.LoadOrCreateKey(folder);
            var elsewhere = AskerHash.LoadOrCreateKey(Path.Combine(folder, "other"));

            Assert.Equal(first, again);
            Assert.NotEqual(first, elsewhere);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ConversationId_IsClearedOnceTheFollowUpWindowHasPassed()
    {
        await AskAsync("How fast do I have to report an AI incident?");
        Assert.NotNull(await _host.QueryStoreAsync(db => db.Questions.Select(q => q.ConversationId).SingleAsync()));

        _time.Advance(TimeSpan.FromMinutes(16));
        await AskAsync("Who approves a pilot?");

        var rows = await _host.QueryStoreAsync(db => db.Questions.OrderBy(q => q.AskedAtUtc).Select(q => q.ConversationId).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0]);
        Assert.NotNull(rows[1]);
    }

    [Fact]
    public async Task Feedback_TwiceByOnePersonOnOneAnswer_CountsOnce_TheLastReactionKept_AnotherPersonCountsAgain()
    {
        await PressFeedbackAsync("like", Anna);
        await PressFeedbackAsync("dislike", Anna);
        await PressFeedbackAsync("like", "7a7a7a7a-1111-4222-8333-444444444444");

        var stored = await _host.QueryStoreAsync(db => db.AnswerFeedback.Where(f => f.AnswerId == "answer-privacy").OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(["dislike", "like"], stored.Select(f => f.Reaction));
        Assert.NotEqual(stored[0].UserHash, stored[1].UserHash);
    }

    /// <summary>Asks in Anna's 1:1 chat and waits until the question is logged (just after its answer went out).</summary>
    private async Task AskAsync(string question)
    {
        await _host.AskAsync(_host.Activity("personal-message.json", a =>
        {
            a["text"] = question;
            a["id"] = "q-" + Guid.NewGuid().ToString("N");
        }));
        await Poll.UntilAsync(
            async () => await _host.QueryStoreAsync(db => db.Questions.CountAsync(q => q.Question == question)) > 0,
            TimeSpan.FromSeconds(10),
            () => "the question to be logged");
    }

    private async Task PressFeedbackAsync(string reaction, string objectId)
    {
        using var response = await _host.PostAsync(_host.Activity("feedback-invoke.json", a =>
        {
            a["id"] = "f-" + Guid.NewGuid().ToString("N");
            a["replyToId"] = "answer-privacy";
            a["from"]!["aadObjectId"] = objectId;
            a["from"]!["id"] = "29:" + objectId;
            a["value"]!["actionValue"] = new JsonObject { ["reaction"] = reaction, ["feedback"] = """{"feedbackText":""}""" };
        }));
        Assert.True(response.IsSuccessStatusCode);
    }
}
