using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdoptionBot.BusinessUnits;
using AdoptionBot.Ideas;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// Sustained load on /api/messages: the bot on Kestrel with the sample knowledge base and a stand-in connector, driven
/// over HTTP by closed-loop workers with a realistic mix (80 % questions from eval/worlds/nordhafen/development.json, 10 % idea
/// submissions, 10 % help, "my ideas" and answer feedback). A concurrency sweep finds the highest throughput at
/// p95 ≤ 300 ms with no errors; a long run at that concurrency then reports latency and memory over many turns.
/// </summary>
internal static class LoadBenchmark
{
    private const double P95LimitMs = 300;
    private const int Users = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var turns = CommandLine.IntArg(args, "--turns", 100_000);
        var minutes = CommandLine.IntArg(args, "--minutes", 10);
        var stepSeconds = CommandLine.IntArg(args, "--step-seconds", 20);
        var maxConcurrency = CommandLine.IntArg(args, "--max-concurrency", 16);
        var fixedConcurrency = CommandLine.IntArg(args, "--concurrency", 0);
        var data = Directory.CreateTempSubdirectory("adoptionbot-load-").FullName;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load before start: {LoadAverage()}");
        PrintMemory("start (before the bot)");
        try
        {
            await using var connector = await StandInConnector.StartAsync();
            using var bot = new BotServer(BotSettings.ForBenchmarks(data));
            await BotServices.StartAndWaitUntilReadyAsync(bot);

            using var client = new HttpClient { BaseAddress = bot.BaseAddress };
            var mix = new TurnMix(connector, bot.Services, await bot.Services.GetRequiredService<BusinessUnitDirectory>().ListAsync(CancellationToken.None), Benchmark.LoadQuestions());

            await RunClosedLoopAsync(client, mix, connector, 2, maxTurns: 300, TimeSpan.FromMinutes(2), progress: null);
            PrintMemory("after warm-up (300 turns)");

            var concurrency = fixedConcurrency;
            if (concurrency <= 0)
            {
                Console.WriteLine($"Concurrency sweep, closed loop, {stepSeconds} s per step:");
                Console.WriteLine("  workers | turns | turns/s | p50 ms | p95 ms | p99 ms | errors");
                var best = (Concurrency: 1, Rate: 0.0);
                for (var c = 1; c <= maxConcurrency; c *= 2)
                {
                    var step = await RunClosedLoopAsync(client, mix, connector, c, int.MaxValue, TimeSpan.FromSeconds(stepSeconds), progress: null);
                    Console.WriteLine($"  {c,7} | {step.Turns,5} | {step.Rate,7:F1} | {step.P(50),6:F1} | {step.P(95),6:F1} | {step.P(99),6:F1} | {step.Errors}");
                    if (step.P(95) <= P95LimitMs && step.Errors == 0 && step.Rate > best.Rate)
                    {
                        best = (c, step.Rate);
                    }
                    else if (step.P(95) > P95LimitMs)
                    {
                        break;
                    }
                }

                concurrency = best.Concurrency;
                Console.WriteLine($"Sustainable: {best.Rate:F1} turns/s at {concurrency} workers (highest throughput with p95 <= {P95LimitMs} ms and no errors)");
            }

            mix.Reset();
            Console.WriteLine($"Long run: {concurrency} workers, up to {turns} turns or {minutes} min; load: {LoadAverage()}");
            var run = await RunClosedLoopAsync(client, mix, connector, concurrency, turns, TimeSpan.FromMinutes(minutes), progress: line => Console.WriteLine("  " + line));
            Console.WriteLine($"Long run result: {run.Turns} turns in {run.Elapsed.TotalSeconds:F0} s = {run.Rate:F1} turns/s; p50 {run.P(50):F1} ms, p95 {run.P(95):F1} ms, p99 {run.P(99):F1} ms, max {run.Latencies.Max():F1} ms; errors {run.Errors}; mix {mix.Describe()}");
            Console.WriteLine($"Load at the end: {LoadAverage()}");
            PrintMemory($"after the long run ({run.Turns} turns)");
            var store = Directory.GetFiles(data, "adoptionbot.db*").Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"Store files after the run: {store / 1024.0 / 1024:F1} MiB (questions and ideas are logged, so the store grows with every turn)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    private static async Task<StepResult> RunClosedLoopAsync(HttpClient client, TurnMix mix, StandInConnector connector, int workers, int maxTurns, TimeSpan duration, Action<string>? progress)
    {
        var latencies = new List<double>();
        var errors = 0;
        var started = Stopwatch.StartNew();
        var issued = 0;
        var window = new List<double>();
        var lastReport = TimeSpan.Zero;
        var lastReportTurns = 0;
        var gate = new Lock();
        async Task WorkerAsync(int worker)
        {
            var random = new Random(worker * 7919 + Environment.TickCount);
            while (started.Elapsed < duration && Interlocked.Increment(ref issued) <= maxTurns)
            {
                var (body, expect) = await mix.NextAsync(random);
                var begin = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var response = await client.PostAsync("/api/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                    var text = await response.Content.ReadAsStringAsync();
                    ok = response.IsSuccessStatusCode && (expect is null || text.Contains(expect, StringComparison.Ordinal));
                }
                catch (HttpRequestException)
                {
                }

                var elapsed = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                lock (gate)
                {
                    latencies.Add(elapsed);
                    window.Add(elapsed);
                    if (!ok)
                    {
                        errors++;
                    }

                    if (latencies.Count % 2000 == 0)
                    {
                        connector.Clear(); // the stand-in keeps what it receives; the bot's memory is what is measured
                    }

                    if (progress is not null && started.Elapsed - lastReport >= TimeSpan.FromSeconds(60))
                    {
                        var rate = (latencies.Count - lastReportTurns) / (started.Elapsed - lastReport).TotalSeconds;
                        progress($"{started.Elapsed.TotalSeconds,4:F0} s: {latencies.Count,6} turns, last minute {rate:F1} turns/s, p95 {CommandLine.Percentile(window, 95):F1} ms, errors {errors}, managed heap {GC.GetTotalMemory(false) / 1024 / 1024} MiB, working set {Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024} MiB");
                        window.Clear();
                        lastReport = started.Elapsed;
                        lastReportTurns = latencies.Count;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w))));
        started.Stop();
        return new StepResult(latencies, errors, started.Elapsed);
    }

    private static void PrintMemory(string when)
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"Memory {when}: managed heap after a full collection {managed / 1024 / 1024} MiB, working set {process.WorkingSet64 / 1024 / 1024} MiB");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "loadavg " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record StepResult(List<double> Latencies, int Errors, TimeSpan Elapsed)
    {
        public int Turns => Latencies.Count;

        public double Rate => Turns / Elapsed.TotalSeconds;

        public double P(int percentile) => Latencies.Count == 0 ? double.NaN : CommandLine.Percentile(Latencies, percentile);
    }

    /// <summary>Builds the next turn's activity: 80 % questions, 10 % idea submissions, 10 % help, "my ideas" or feedback.</summary>
    private sealed class TurnMix(StandInConnector connector, IServiceProvider services, IReadOnlyList<string> units, List<string> questions)
    {
        private long _questions;
        private long _ideas;
        private long _other;

        public void Reset() => _questions = _ideas = _other = 0;

        public string Describe() => $"{_questions} questions, {_ideas} idea submissions, {_other} other";

        /// <summary>The JSON body and a text the response must contain (invokes answer in the response), or null.</summary>
        public async Task<(string Body, string? Expect)> NextAsync(Random random)
        {
            var user = random.Next(Users);
            var roll = random.Next(100);
            if (roll < 80)
            {
                Interlocked.Increment(ref _questions);
                return (Message(user, questions[random.Next(questions.Count)]).ToJsonString(), null);
            }

            if (roll < 90)
            {
                Interlocked.Increment(ref _ideas);
                var actor = new Actor(UserObjectId(user), $"Load User {user}", $"29:load-{user}");
                var formId = await services.GetRequiredService<IdeaService>().IssueFormAsync(actor, CancellationToken.None);
                var invoke = Invoke(user, "adaptiveCard/action", new JsonObject
                {
                    ["action"] = new JsonObject
                    {
                        ["type"] = "Action.Execute",
                        ["verb"] = IdeaCards.SubmitVerb,
                        ["data"] = IdeasBenchmark.SubmissionData(
                            formId,
                            $"Summarise {IdeasBenchmark.Topics[random.Next(IdeasBenchmark.Topics.Length)]} ({random.Next(100000)})",
                            IdeasBenchmark.Topics[random.Next(IdeasBenchmark.Topics.Length)],
                            units[random.Next(units.Count)]),
                    },
                    ["trigger"] = "manual",
                });
                return (invoke.ToJsonString(), "IDEA-");
            }

            Interlocked.Increment(ref _other);
            return (roll % 3) switch
            {
                0 => (Message(user, "help").ToJsonString(), null),
                1 => (Message(user, "my ideas").ToJsonString(), null),
                _ => (Invoke(user, "message/submitAction", new JsonObject
                {
                    ["actionName"] = "feedback",
                    ["actionValue"] = new JsonObject { ["reaction"] = random.Next(2) == 0 ? "like" : "dislike", ["feedback"] = "{\"feedbackText\":\"\"}" },
                }).ToJsonString(), null),
            };
        }

        private JsonObject Message(int user, string text)
        {
            var message = JsonSerializer.SerializeToNode(Benchmark.TeamsMessage(connector.ServiceUrl, Guid.NewGuid().ToString("N"), text))!.AsObject();
            message["from"] = From(user);
            message["conversation"] = Conversation(user);
            return message;
        }

        private JsonObject Invoke(int user, string name, JsonObject value) => new()
        {
            ["type"] = "invoke",
            ["name"] = name,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = From(user),
            ["conversation"] = Conversation(user),
            ["recipient"] = new JsonObject { ["id"] = "28:adoptionbot", ["name"] = "AdoptionBot" },
            ["replyToId"] = "answer-" + user.ToString(CultureInfo.InvariantCulture),
            ["value"] = value,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench-tenant" } },
        };

        private static JsonObject From(int user) => new() { ["id"] = $"29:load-{user}", ["name"] = $"Load User {user}", ["aadObjectId"] = UserObjectId(user) };

        private static JsonObject Conversation(int user) => new() { ["id"] = $"a:load-{user}", ["conversationType"] = "personal", ["tenantId"] = "bench-tenant" };

        private static string UserObjectId(int user) => $"6a3c1f0e-0000-4000-8000-{user:D12}";
    }
}
