using System.Diagnostics;
using System.Globalization;
using System.Net;
using AdoptionBot.Channels;
using AdoptionBot.Delivery;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Storage;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// A status update fanned out to many linked channels of one tenant: outbox rows, one per channel, delivered by the
/// bot's own sender (hosted service, default settings, so Teams' 50 requests per second per tenant apply) through its
/// adapter to the stand-in connector over HTTP. Measures the span from the first to the last arrival against what the
/// tenant limit allows, the busiest one-second window, losses and duplicates; then again with 5 % of sends throttled once.
/// </summary>
internal static class FanoutBenchmark
{
    private const string TenantId = "72f988bf-0000-4000-8000-000000000001";
    private const string BotId = "28:adoptionbot";
    private const string MarkerPrefix = "fanout-marker:";

    public static async Task<int> RunAsync(string[] args)
    {
        var channels = CommandLine.IntArg(args, "--channels", 500);
        var throttledPercent = CommandLine.IntArg(args, "--throttled", 5);
        var verbose = args.Contains("--verbose");
        var parallel = CommandLine.IntArg(args, "--parallel", 0);
        var data = Directory.CreateTempSubdirectory("adoptionbot-fanout-bench-").FullName;
        var failed = false;
        try
        {
            await using var connector = await StandInConnector.StartAsync();
            var settings = BotSettings.ForBenchmarks(data);
            if (parallel > 0)
            {
                // Only for diagnosis: the rate limits stay at their defaults either way.
                settings["Delivery:MaxParallelConversations"] = parallel.ToString(CultureInfo.InvariantCulture);
            }

            using var bot = new BotServer(settings);
            await BotServices.StartAndWaitUntilReadyAsync(bot);

            var contexts = bot.Services.GetRequiredService<IDbContextFactory<AdoptionBotDbContext>>();
            var outbox = bot.Services.GetRequiredService<IOutbox>();
            var limit = bot.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>().Value.PerTenantPerSecond;
            var links = await LinkChannelsAsync(contexts, connector.ServiceUrl, channels);
            var allowed = TimeSpan.FromSeconds((double)channels / limit);

            var plain = await RunOnceAsync("plain", contexts, outbox, connector, links, throttled: []);
            failed |= !Report($"{channels} channels, no throttling", plain, allowed, limit, verbose);

            // Let the tenant window of the first run pass, so the second starts from the same state.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var step = Math.Max(1, 100 / Math.Max(1, throttledPercent));
            var throttled = links.Where((_, i) => throttledPercent > 0 && i % step == step / 2).Select(l => l.ChannelId).ToHashSet();
            var withThrottling = await RunOnceAsync("throttled", contexts, outbox, connector, links, throttled);
            var throttledCalls = withThrottling.Calls.Count(c => c.Status == HttpStatusCode.TooManyRequests);
            failed |= !Report($"{channels} channels, {throttled.Count} sends ({100.0 * throttled.Count / channels:F0} %) answered 429 once (Retry-After 1), {throttledCalls} 429s answered", withThrottling, allowed, limit, verbose);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return failed ? 1 : 0;
    }

    private static async Task<List<ChannelLink>> LinkChannelsAsync(IDbContextFactory<AdoptionBotDbContext> contexts, string serviceUrl, int count)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var links = Enumerable.Range(0, count).Select(i => new ChannelLink
        {
            ChannelId = $"19:fanout-{i.ToString("D4", CultureInfo.InvariantCulture)}@thread.tacv2",
            TenantId = TenantId,
            ServiceUrl = serviceUrl,
            BotId = BotId,
            BusinessUnit = "Operations",
            LinkedByName = "Benchmark Admin",
            LinkedAtUtc = now,
        }).ToList();
        db.ChannelLinks.AddRange(links);
        await db.SaveChangesAsync();
        return links;
    }

    private static async Task<RunResult> RunOnceAsync(
        string run,
        IDbContextFactory<AdoptionBotDbContext> contexts,
        IOutbox outbox,
        StandInConnector connector,
        List<ChannelLink> links,
        IReadOnlyCollection<string> throttled)
    {
        connector.Clear();
        foreach (var channel in throttled)
        {
            connector.Script(channel, new ScriptedAnswer(HttpStatusCode.TooManyRequests, RetryAfterSeconds: 1));
        }

        var markers = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<OutboxEntry>();
        foreach (var link in links)
        {
            var marker = $"{MarkerPrefix}{run}:{link.Id.ToString(CultureInfo.InvariantCulture)}";
            markers.Add(marker);
            var activity = new Microsoft.Bot.Schema.Activity
            {
                Type = Microsoft.Bot.Schema.ActivityTypes.Message,
                Text = "IDEA-0042 moved to Piloting.",
                ChannelData = new { fanoutMarker = marker },
            };
            entries.Add(new OutboxEntry(link.Recipient, activity, $"status:IDEA-0042:{run}:channel:{link.ChannelId}", OutboxKinds.StatusUpdate));
        }

        // As the product does: the rows are committed and the running sender is woken.
        var started = Stopwatch.GetTimestamp();
        await outbox.EnqueueAsync(entries, CancellationToken.None);
        var prefix = $"status:IDEA-0042:{run}:";
        await BotServices.WaitUntilOutboxDrainedAsync(contexts, prefix, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(3));

        var elapsed = Stopwatch.GetElapsedTime(started);
        await using var check = await contexts.CreateDbContextAsync();
        var rows = await check.Outbox.AsNoTracking().Where(o => o.DedupKey.StartsWith(prefix)).Select(o => o.Status).ToListAsync();
        var received = connector.Sent
            .Select(a => a.Activity["channelData"]?["fanoutMarker"]?.GetValue<string>())
            .Where(m => m is not null && markers.Contains(m))
            .GroupBy(m => m!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new RunResult(
            connector.Calls.OrderBy(c => c.ReceivedAt).ToList(),
            elapsed,
            RowsSent: rows.Count(s => s == OutboxStatuses.Sent),
            RowsNotSent: rows.Count(s => s != OutboxStatuses.Sent),
            Lost: markers.Count(m => !received.ContainsKey(m)),
            Duplicated: received.Values.Count(n => n > 1));
    }

    private static bool Report(string title, RunResult result, TimeSpan allowed, int limit, bool verbose)
    {
        var calls = result.Calls;
        var span = calls.Count > 1 ? calls[^1].ReceivedAt - calls[0].ReceivedAt : TimeSpan.Zero;
        var deviation = (span - allowed) / allowed * 100;
        var (fixedMax, slidingMax) = BusiestSecond(calls);
        var ok = result.Lost == 0 && result.Duplicated == 0 && result.RowsNotSent == 0 && slidingMax <= limit;
        Console.WriteLine($"{title}:");
        Console.WriteLine($"  connector calls {calls.Count}, first to last arrival {span.TotalSeconds:F2} s against {allowed.TotalSeconds:F1} s allowed by {limit}/s ({deviation:+0.0;-0.0} %), rows written to done {result.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"  busiest one-second window: {fixedMax} arrivals (windows from the first arrival), {slidingMax} (any one-second window); limit {limit}");
        Console.WriteLine($"  rows sent {result.RowsSent}, not sent {result.RowsNotSent}; losses {result.Lost}, duplicates {result.Duplicated}{(ok ? "" : "  <-- FAILED")}");
        if (verbose && calls.Count > 0)
        {
            var first = calls[0].ReceivedAt;
            var perSecond = calls.GroupBy(c => (int)(c.ReceivedAt - first).TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count().ToString(CultureInfo.InvariantCulture));
            var gaps = calls.Zip(calls.Skip(1), (a, b) => (At: (a.ReceivedAt - first).TotalSeconds, Gap: (b.ReceivedAt - a.ReceivedAt).TotalMilliseconds))
                .OrderByDescending(g => g.Gap).Take(12).OrderBy(g => g.At).Select(g => $"{g.Gap:F0} ms at {g.At:F2} s");
            Console.WriteLine($"  arrivals per second: {string.Join(' ', perSecond)}");
            Console.WriteLine($"  longest gaps: {string.Join(", ", gaps)}");
        }

        return ok;
    }

    /// <summary>The most arrivals in one second: in consecutive windows counted from the first arrival, and in any window.</summary>
    private static (int Fixed, int Sliding) BusiestSecond(List<ConnectorCall> calls)
    {
        if (calls.Count == 0)
        {
            return (0, 0);
        }

        var first = calls[0].ReceivedAt;
        var fixedMax = calls.GroupBy(c => (long)Math.Floor((c.ReceivedAt - first).TotalSeconds)).Max(g => g.Count());
        var slidingMax = 0;
        var start = 0;
        for (var end = 0; end < calls.Count; end++)
        {
            while (calls[end].ReceivedAt - calls[start].ReceivedAt >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            slidingMax = Math.Max(slidingMax, end - start + 1);
        }

        return (fixedMax, slidingMax);
    }

    private sealed record RunResult(List<ConnectorCall> Calls, TimeSpan Elapsed, int RowsSent, int RowsNotSent, int Lost, int Duplicated);
}
