using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Digest;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Ideas;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Digest;

/// <summary>
/// The scheduler as the host runs it: started and stopped like a hosted service, on a migrated SQLite store, while a
/// <see cref="FakeTimeProvider"/> moves through the weeks. What it publishes is read from the outbox.
/// </summary>
public abstract class DigestSchedulerTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string Channel = "19:scheduler-channel@thread.tacv2";

    private TStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        await using var db = _store.CreateDbContext();
        db.ChannelLinks.Add(new ChannelLink
        {
            ChannelId = Channel,
            TenantId = "tenant-1",
            ServiceUrl = "https://smba.example/emea/",
            BotId = "28:adoptionbot",
            BusinessUnit = "Purchasing",
            LinkedByName = "Lena Fischer",
            LinkedAtUtc = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task BotDownOverMonday_CatchesThatWeekUpOnce_ThenSendsTheNextAtEightSummerTime_AndARestartAddsNothing()
    {
        // Wednesday 25 March 2026; the bot was down on Monday 23 March at 08:00 CET (07:00 UTC).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 25, 10, 0, 0, TimeSpan.Zero));
        var first = Start(time, _store);
        await first.Scheduler.StartAsync(CancellationToken.None);

        await WaitForDigestAsync("2026-03-16");

        // Clocks go forward on 29 March: the next Monday's 08:00 is 06:00 UTC, an hour earlier than the week before.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 5, 59, 0, TimeSpan.Zero));
        await Task.Delay(300);
        Assert.Equal(0, await DigestsAsync("2026-03-23"));
        time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero));
        await WaitForDigestAsync("2026-03-23");
        await first.Scheduler.StopAsync(CancellationToken.None);

        // A restart at the same moment catches the same occurrence up again: the dedup keys make it a no-op.
        var second = Start(time, _store);
        await second.Scheduler.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => second.Log.Entries.Any(e => e.Message.Contains("published: 0 new", StringComparison.Ordinal)));
        await second.Scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(1, await DigestsAsync("2026-03-16"));
        Assert.Equal(1, await DigestsAsync("2026-03-23"));
        Assert.Equal(2, await AllDigestsAsync());
    }

    [StoreFact]
    public async Task StoreFailsAtTheScheduledTime_TheDigestIsPublishedWhenItRecovers_AndTheSchedulerKeepsRunning()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)); // Sunday
        var failing = new FailingStore(_store);
        var running = Start(time, failing);
        await running.Scheduler.StartAsync(CancellationToken.None);
        await WaitForDigestAsync("2026-11-16"); // the catch-up of Monday 23 November

        failing.Failures = 2;
        time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero)); // Monday 08:00 CET
        await WaitUntilAsync(() => running.Log.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("attempt 1", StringComparison.Ordinal)));
        Assert.Equal(0, await DigestsAsync("2026-11-23"));

        time.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => running.Log.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("attempt 2", StringComparison.Ordinal)));
        time.Advance(TimeSpan.FromMinutes(2));
        await WaitForDigestAsync("2026-11-23");

        // And the week after goes out on time as usual.
        time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero));
        await WaitForDigestAsync("2026-11-30");
        await running.Scheduler.StopAsync(CancellationToken.None);
        Assert.Equal(3, await AllDigestsAsync());
    }

    private static (DigestScheduler Scheduler, CapturingLogger<DigestScheduler> Log) Start(TimeProvider time, IDbContextFactory<AdoptionBotDbContext> store)
    {
        var log = new CapturingLogger<DigestScheduler>();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time)
            .AddSingleton(store)
            .AddSingleton<IOutboxSignal, OutboxSignal>()
            .AddSingleton<IOutbox, Outbox>()
            .AddSingleton<ChannelService>()
            .AddSingleton<IdeaStatistics>()
            .AddSingleton<QuestionStatistics>()
            .AddSingleton<GapLabels>()
            .AddSingleton<AdoptionBot.Knowledge.Retrieval.IKnowledgeSearch>(new AdoptionBot.Tests.Questions.StubKnowledgeSearch())
            .AddSingleton<ILogger<DigestScheduler>>(log)
            .AddSingleton<DigestCalculator>()
            .AddSingleton<DigestPublisher>()
            .AddSingleton<DigestScheduler>();
        services.AddOptions<DigestOptions>();
        services.AddOptions<PortfolioOptions>();
        return (services.BuildServiceProvider().GetRequiredService<DigestScheduler>(), log);
    }

    private Task<int> DigestsAsync(string week) => CountAsync(o => o.DedupKey == $"digest:{week}:channel:{Channel}");

    private Task<int> AllDigestsAsync() => CountAsync(o => o.Kind == "digest");

    private Task<int> CountAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> filter) =>
        _store.Factory.QueryAsync(db => db.Outbox.CountAsync(filter));

    private Task WaitForDigestAsync(string week) =>
        Poll.UntilAsync(async () => await DigestsAsync(week) > 0, TimeSpan.FromSeconds(15), () => $"the digest of the week of {week}", TimeSpan.FromMilliseconds(25));

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(15), () => "the scheduler", TimeSpan.FromMilliseconds(25));

    /// <summary>The store, failing to open a context while <see cref="Failures"/> is above zero (a locked or unreachable database).</summary>
    private sealed class FailingStore(IDbContextFactory<AdoptionBotDbContext> inner) : IDbContextFactory<AdoptionBotDbContext>
    {
        private int _failures;

        public int Failures
        {
            get => Volatile.Read(ref _failures);
            set => Volatile.Write(ref _failures, value);
        }

        public AdoptionBotDbContext CreateDbContext() =>
            Interlocked.Decrement(ref _failures) >= 0
                ? throw new InvalidOperationException("database is locked")
                : inner.CreateDbContext();
    }
}

public sealed class SqliteDigestSchedulerTests : DigestSchedulerTests<SqliteStoreFixture>;

public sealed class PostgreSqlDigestSchedulerTests : DigestSchedulerTests<PostgreSqlStoreFixture>;
