using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Faults;

/// <summary>
/// The SQLite store locked by someone else (a backup tool, an operator's sqlite3 shell, a long write) while employees
/// work. A lock shorter than the store's busy timeout is waited out; a longer one gets a plain "try again" and loses
/// nothing: the idea form still works once the lock is gone, and it stores the idea once.
/// </summary>
public sealed partial class StoreBusyTests : IAsyncLifetime
{
    private const int BusyTimeoutSeconds = 2;
    private readonly string _storeFolder = Directory.CreateTempSubdirectory("adoptionbot-busy-").FullName;
    private BotTestHost _host = null!;

    private string DatabaseFile => Path.Combine(_storeFolder, "adoptionbot.db");

    public async Task InitializeAsync()
    {
        _host = new BotTestHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AdoptionBot"] = $"Data Source={DatabaseFile};Default Timeout={BusyTimeoutSeconds};Pooling=False",
        });
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_storeFolder, recursive: true);
    }

    [Fact]
    public async Task ALockShorterThanTheBusyTimeout_IsWaitedOut_AndEverythingIsStored()
    {
        var formId = await NewFormAsync();

        Task<(HttpStatusCode Status, string Body)> submission;
        Task<SentActivity> answer;
        var held = Stopwatch.StartNew();
        await using (await HoldWriteLockAsync())
        {
            submission = SubmitAsync(formId, "Draft supplier letters");
            answer = _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "Can I paste customer data into ChatGPT?"));
            await Task.Delay(TimeSpan.FromSeconds(BusyTimeoutSeconds / 2.0));
            Assert.False(submission.IsCompleted, "the submission waited for the lock");
        }

        var (status, body) = await submission;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(IdeaIdPattern(), body);
        Assert.Contains("Never paste customer data", (await answer).Text, StringComparison.Ordinal);
        Assert.Equal(1, await _host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Title == "Draft supplier letters")));
        Assert.True(held.Elapsed < TimeSpan.FromSeconds(BusyTimeoutSeconds * 3));
    }

    [Fact]
    public async Task ALockLongerThanTheBusyTimeout_GetsAPlainTryAgain_AndTheSameFormWorksAfterwards()
    {
        var formId = await NewFormAsync();

        (HttpStatusCode Status, string Body) during;
        await using (await HoldWriteLockAsync())
        {
            during = await SubmitAsync(formId, "Translate service bulletins");
        }

        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.Contains("try again", during.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(IdeaIdPattern(), during.Body);
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.Ideas.CountAsync()));

        var after = await SubmitAsync(formId, "Translate service bulletins");
        var again = await SubmitAsync(formId, "Translate service bulletins");

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Matches(IdeaIdPattern(), after.Body);
        Assert.Equal(IdeaIdPattern().Match(after.Body).Value, IdeaIdPattern().Match(again.Body).Value);
        Assert.Equal(1, await _host.QueryStoreAsync(db => db.Ideas.CountAsync()));
    }

    [Fact]
    public async Task AQuestionDuringALongLock_IsStillAnswered()
    {
        await using (await HoldWriteLockAsync())
        {
            var answer = await _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "Can I paste customer data into ChatGPT?"));
            Assert.Contains("Never paste customer data", answer.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>Another connection takes the database's write lock and keeps it until disposed.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        return new WriteLock(connection);
    }

    private async Task<string> NewFormAsync()
    {
        var reply = await _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "new idea"));
        return reply.Activity["attachments"]![0]!["content"]!["actions"]![0]!["data"]!["formId"]!.GetValue<string>();
    }

    private async Task<(HttpStatusCode Status, string Body)> SubmitAsync(string formId, string title)
    {
        var data = new JsonObject
        {
            ["verb"] = IdeaCards.SubmitVerb,
            ["formId"] = formId,
            ["title"] = title,
            ["problem"] = "Writing these by hand takes the team two days a month.",
            ["businessUnit"] = "Purchasing",
            ["dataClassification"] = "internal",
        };
        var invoke = _host.Activity("card-action-invoke.json", a =>
            a["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = IdeaCards.SubmitVerb, ["data"] = data });
        using var response = await _host.PostAsync(invoke);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"IDEA-\d{4,}")]
    private static partial Regex IdeaIdPattern();

    private sealed class WriteLock(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
