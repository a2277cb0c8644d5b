using System.Diagnostics;
using System.Globalization;
using AdoptionBot.Delivery;
using AdoptionBot.Ideas;
using AdoptionBot.Storage;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Npgsql;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// The store under the two kinds of write a busy bot does, on SQLite and on PostgreSQL: idea submissions through
/// the bot's IdeaService (concurrent submitters, each call timed; the similar-use-case search of the confirmation
/// card is left out, it does not touch the store), and outbox delivery by the bot's own sender (claim, send to a
/// stand-in connector over HTTP, mark sent) with Teams' rate limits raised far above what is reached, so that the
/// store and the sender set the pace. Each provider gets a new, empty database; the bot runs in-process on Kestrel.
/// </summary>
internal static class StoreBenchmark
{
    private const string TenantId = "72f988bf-0000-4000-8000-000000000001";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = CommandLine.StringArg(args, "--provider") ?? "both";
        var postgres = CommandLine.StringArg(args, "--postgres") ?? Environment.GetEnvironmentVariable("ADOPTIONBOT_TEST_POSTGRES");
        var submissions = CommandLine.IntArg(args, "--submissions", 1000);
        var concurrency = CommandLine.IntArg(args, "--concurrency", 8);
        var rows = CommandLine.IntArg(args, "--rows", 3000);
        var parallel = CommandLine.IntArg(args, "--parallel", 8);
        var runs = new List<StoreProvider>();
        if (provider is "sqlite" or "both")
        {
            runs.Add(StoreProvider.Sqlite);
        }

        if (provider is "postgresql" or "both")
        {
            if (postgres is null)
            {
                Console.Error.WriteLine("PostgreSQL needs --postgres or ADOPTIONBOT_TEST_POSTGRES: an admin connection string of a role that may create databases.");
                return 2;
            }

            runs.Add(StoreProvider.PostgreSql);
        }

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {submissions} submissions by {concurrency} concurrent submitters; {rows} outbox rows to {rows / 10} channels, {parallel} conversations in parallel");
        foreach (var run in runs)
        {
            await RunProviderAsync(run, postgres, submissions, concurrency, rows, parallel);
        }

        return 0;
    }

    private static async Task RunProviderAsync(StoreProvider provider, string? postgres, int submissions, int concurrency, int rowCount, int parallel)
    {
        var data = Directory.CreateTempSubdirectory("adoptionbot-store-bench-").FullName;
        var database = provider == StoreProvider.PostgreSql ? "adoptionbot_bench_" + Guid.NewGuid().ToString("N") : null;
        try
        {
            var connectionString = database is null
                ? $"Data Source={Path.Combine(data, "adoptionbot.db")};Default Timeout=30"
                : await CreateDatabaseAsync(postgres!, database);
            await using var connector = await StandInConnector.StartAsync();
            using var bot = new BotServer(BotSettings.ForBenchmarks(data)
                .With("Knowledge:IndexOnStartup", "false")
                .With("Store:Provider", provider.ToString())
                .With("ConnectionStrings:AdoptionBot", connectionString)
                .With("Questions:AskerHashKey", database is null ? null : "benchmark-asker-hash-key-of-every-instance")
                .With("Portfolio:BusinessUnits:0", "Purchasing")
                .With("Delivery:PerTenantPerSecond", "10000")
                .With("Delivery:PerConversationPerSecond", "1000")
                .With("Delivery:PerConversationPerHour", "100000")
                .With("Delivery:MaxParallelConversations", parallel.ToString(CultureInfo.InvariantCulture)));
            bot.Start();

            var (perSecond, latencies) = await SubmitIdeasAsync(bot.Services, submissions, concurrency);
            Console.WriteLine($"{provider}: idea submission (IdeaService.SubmitAsync, {concurrency} at a time): {perSecond:F0} submissions/s, p50 {CommandLine.Percentile(latencies, 50):F1} ms, p95 {CommandLine.Percentile(latencies, 95):F1} ms");

            var contexts = bot.Services.GetRequiredService<IDbContextFactory<AdoptionBotDbContext>>();
            var signal = bot.Services.GetRequiredService<IOutboxSignal>();
            await DeliverAsync(contexts, signal, connector, "warm-up", 200);
            var (elapsed, arrived, duplicates) = await DeliverAsync(contexts, signal, connector, "measured", rowCount);
            Console.WriteLine($"{provider}: outbox, one instance: {rowCount} rows claimed, sent and marked in {elapsed.TotalSeconds:F2} s = {rowCount / elapsed.TotalSeconds:F0} rows/s; {arrived} arrived, {duplicates} twice");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (database is not null)
            {
                await DropDatabaseAsync(postgres!, database);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(double PerSecond, List<double> Latencies)> SubmitIdeasAsync(IServiceProvider services, int count, int concurrency)
    {
        var ideas = services.GetRequiredService<IdeaService>();
        var actor = new Actor("bench-user", "Bench User", "29:bench");
        string[] units = ["Purchasing"];
        var forms = new List<string>();
        for (var i = 0; i < count + 50; i++)
        {
            forms.Add(await ideas.IssueFormAsync(actor, CancellationToken.None));
        }

        async Task<double> SubmitAsync(int i)
        {
            var submission = new IdeaSubmission(forms[i], $"Idea {i}", "Reading long supplier audit reports takes hours.", "", "Purchasing", "", "internal", false);
            var started = Stopwatch.GetTimestamp();
            var result = await ideas.SubmitAsync(submission, actor, units, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return result is SubmitResult.Created { AlreadySubmitted: false } ? elapsed : throw new InvalidOperationException($"Submission {i} was not stored: {result}");
        }

        for (var i = 0; i < 50; i++)
        {
            await SubmitAsync(count + i); // warm-up
        }

        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => latencies.Add(await SubmitAsync(i)));
        wall.Stop();
        return (count / wall.Elapsed.TotalSeconds, [.. latencies]);
    }

    /// <summary>Writes <paramref name="count"/> due rows (ten per channel), wakes the sender and waits until none is pending.</summary>
    private static async Task<(TimeSpan Elapsed, int Arrived, int Duplicates)> DeliverAsync(
        IDbContextFactory<AdoptionBotDbContext> contexts, IOutboxSignal signal, StandInConnector connector, string run, int count)
    {
        connector.Clear();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            for (var i = 0; i < count; i++)
            {
                var channel = $"19:store-bench-{i / 10:D5}@thread.tacv2";
                db.Outbox.Add(new OutboxMessage
                {
                    DedupKey = $"bench:{run}:{i}",
                    Kind = "statusUpdate",
                    ConversationId = channel,
                    TenantId = TenantId,
                    ServiceUrl = connector.ServiceUrl,
                    BotId = "28:adoptionbot",
                    ActivityJson = JsonConvert.SerializeObject(new Microsoft.Bot.Schema.Activity { Type = "message", Text = $"bench:{run}:{i}" }, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore }),
                    Status = OutboxStatuses.Pending,
                    CreatedAtUtc = now,
                    NextAttemptAtUtc = now,
                });
            }

            await db.SaveChangesAsync();
        }

        var started = Stopwatch.StartNew();
        signal.Notify();
        var prefix = $"bench:{run}:";
        await BotServices.WaitUntilOutboxDrainedAsync(contexts, prefix, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10));

        started.Stop();
        var texts = connector.Sent.Select(a => a.Text).Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return (started.Elapsed, texts.Distinct().Count(), texts.Count - texts.Distinct().Count());
    }

    private static async Task<string> CreateDatabaseAsync(string server, string name)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
