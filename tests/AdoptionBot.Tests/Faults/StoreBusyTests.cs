using System.Diagnostics;
using System.Net;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdoptionBot.Tests.Faults;

/// <summary>
/// The store locked by someone else while employees work: on SQLite another connection holding the database's
/// exclusive lock (a backup tool, an operator's sqlite3 shell), on PostgreSQL a session holding exclusive locks on the
/// bot's tables (a migration or maintenance job). A lock shorter than the store's timeout is waited out; a longer one
/// gets a plain "try again" and loses nothing: the idea form still works once the lock is gone, and stores the idea once.
/// The timeout is shortened to 3 s (SQLite's busy timeout, PostgreSQL's command timeout) to keep the test quick.
/// </summary>
public abstract class StoreBusyTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    protected const int BusyTimeoutSeconds = 3;
    private TStore _store = null!;
    private BotTestHost _host = null!;

    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        var settings = new Dictionary<string, string?>(_store.BotSettings);
        ConnectionString = settings["ConnectionStrings:AdoptionBot"]!;
        settings["ConnectionStrings:AdoptionBot"] = WithTimeout(ConnectionString, BusyTimeoutSeconds);
        _host = new BotTestHost(settings);
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    /// <summary>The bot's connection string with the given lock wait.</summary>
    protected abstract string WithTimeout(string connectionString, int seconds);

    /// <summary>Another connection takes the locks the bot's writes need and keeps them until disposed (synchronously).</summary>
    protected abstract Task<IDisposable> HoldWriteLockAsync();

    [StoreFact]
    public async Task ALockShorterThanTheBusyTimeout_IsWaitedOut_AndEverythingIsStored()
    {
        var formId = await _host.NewIdeaFormAsync();

        // The lock is taken and let go on a thread of its own, so a busy thread pool (the store's waits block its
        // threads) cannot stretch the 1 s hold past the timeout.
        var held = Stopwatch.StartNew();
        var locked = await HoldWriteLockAsync();
        var submission = SubmitAsync(formId, "Draft supplier letters");
        var answer = _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "Can I paste customer data into ChatGPT?"));
        var answeredWhileLocked = await Task.Factory.StartNew(
            () =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
                var early = submission.IsCompleted;
                locked.Dispose();
                return early;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Assert.False(answeredWhileLocked, "the submission waited for the lock");
        var (status, body) = await submission;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(BotTestHost.IdeaId(), body);
        Assert.Contains("Never paste customer data", (await answer).Text, StringComparison.Ordinal);
        Assert.Equal(1, await _host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Title == "Draft supplier letters")));
        Assert.True(held.Elapsed < TimeSpan.FromSeconds(BusyTimeoutSeconds * 3));
    }

    [StoreFact]
    public async Task ALockLongerThanTheBusyTimeout_GetsAPlainTryAgain_AndTheSameFormWorksAfterwards()
    {
        var formId = await _host.NewIdeaFormAsync();

        (HttpStatusCode Status, string Body) during;
        using (await HoldWriteLockAsync())
        {
            during = await SubmitAsync(formId, "Translate service bulletins");
        }

        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.Contains("try again", during.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(BotTestHost.IdeaId(), during.Body);
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));

        var after = await SubmitAsync(formId, "Translate service bulletins");
        var again = await SubmitAsync(formId, "Translate service bulletins");

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Matches(BotTestHost.IdeaId(), after.Body);
        Assert.Equal(BotTestHost.IdeaId().Match(after.Body).Value, BotTestHost.IdeaId().Match(again.Body).Value);
        Assert.Equal(1, await _host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
    }

    [StoreFact]
    public async Task AQuestionDuringALongLock_IsStillAnswered()
    {
        using (await HoldWriteLockAsync())
        {
            var answer = await _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "Can I paste customer data into ChatGPT?"));
            Assert.Contains("Never paste customer data", answer.Text, StringComparison.Ordinal);
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> SubmitAsync(string formId, string title)
    {
        using var response = await _host.PressAsync(BotTestHost.IdeaSubmission(formId, title));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteStoreBusyTests : StoreBusyTests<SqliteStoreFixture>
{
    protected override string WithTimeout(string connectionString, int seconds) =>
        new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = seconds }.ToString();

    protected override async Task<IDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync();
        return new HeldLock(() =>
        {
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
            connection.Dispose();
        });
    }
}

public sealed class PostgreSqlStoreBusyTests : StoreBusyTests<PostgreSqlStoreFixture>
{
    protected override string WithTimeout(string connectionString, int seconds) =>
        new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = seconds }.ToString();

    protected override async Task<IDisposable> HoldWriteLockAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var begin = new NpgsqlCommand("BEGIN; LOCK TABLE ideas, idea_forms, personal_conversations, questions IN ACCESS EXCLUSIVE MODE;", connection))
        {
            await begin.ExecuteNonQueryAsync();
        }

        return new HeldLock(() =>
        {
            using (var rollback = new NpgsqlCommand("ROLLBACK;", connection))
            {
                rollback.ExecuteNonQuery();
            }

            connection.Dispose();
        });
    }
}

/// <summary>A lock let go synchronously, so it can be released on a thread of its own.</summary>
internal sealed class HeldLock(Action release) : IDisposable
{
    public void Dispose() => release();
}
