using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// Measures, on this machine: index build time and throughput for the sample knowledge base and for a synthetic
/// corpus of N chunks (sample plus generated guideline files), peak memory, restart time with an unchanged index,
/// retrieval latency, and the full /api/messages turn latency from the request to the reply reaching a stand-in
/// Bot Connector over HTTP.
/// </summary>
internal static class Benchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var targetChunks = CommandLine.IntArg(args, "--chunks", 10_000);
        var turns = CommandLine.IntArg(args, "--turns", 400);
        var sample = TestPaths.SampleKnowledge;
        var work = Directory.CreateTempSubdirectory("adoptionbot-bench-").FullName;
        var questions = LoadQuestions();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformationText()}");
        Console.WriteLine();

        try
        {
            var sampleData = Path.Combine(work, "sample-data");
            var sampleBuild = await BuildIndexAsync(sample, sampleData);
            Print("Sample knowledge base", sampleBuild);
            Console.WriteLine($"  restart, index unchanged:  {await RestartAsync(sample, sampleData):F2} s");
            Console.WriteLine();

            var synthetic = Path.Combine(work, "synthetic-knowledge");
            var generated = SyntheticCorpus.Write(sample, synthetic, targetChunks - sampleBuild.Chunks);
            var syntheticData = Path.Combine(work, "synthetic-data");
            var syntheticBuild = await BuildIndexAsync(synthetic, syntheticData);
            Print($"Synthetic corpus (sample + {generated} generated files)", syntheticBuild);
            Console.WriteLine($"  restart, index unchanged:  {await RestartAsync(synthetic, syntheticData):F2} s");
            Console.WriteLine($"  peak working set so far:   {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");

            var retrieval = await RetrievalLatencyAsync(synthetic, syntheticData, questions);
            Console.WriteLine($"  retrieval latency ({retrieval.Count} searches): p50 {CommandLine.Percentile(retrieval, 50):F1} ms, p95 {CommandLine.Percentile(retrieval, 95):F1} ms");

            var (turnLatency, firstAnswer) = await TurnLatencyAsync(synthetic, syntheticData, questions, turns);
            Console.WriteLine($"  bot restart to first answer (index unchanged, incl. model load): {firstAnswer:F2} s");
            Console.WriteLine($"  /api/messages turn latency ({turnLatency.Count} turns, request to reply at the connector): p50 {CommandLine.Percentile(turnLatency, 50):F1} ms, p95 {CommandLine.Percentile(turnLatency, 95):F1} ms, max {turnLatency.Max():F1} ms");
            Console.WriteLine($"  peak working set:          {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static async Task<BuildResult> BuildIndexAsync(string knowledge, string data)
    {
        using var host = BotServices.Build(knowledge, data);
        var indexer = host.Services.GetRequiredService<KnowledgeIndexer>();
        var stopwatch = Stopwatch.StartNew();
        var report = await indexer.TrySyncAsync(CancellationToken.None) ?? throw new InvalidOperationException("Indexing was already running.");
        stopwatch.Stop();
        return new BuildResult(report.Files, report.ChunksEmbedded, stopwatch.Elapsed);
    }

    /// <summary>Time from a cold host to answering readiness with the index on disk: load the index, then a sync that finds nothing changed.</summary>
    private static async Task<double> RestartAsync(string knowledge, string data)
    {
        var stopwatch = Stopwatch.StartNew();
        using var host = BotServices.Build(knowledge, data);
        var writer = host.Services.GetRequiredService<IKnowledgeIndexWriter>();
        await writer.TryLoadExistingAsync(CancellationToken.None);
        var report = await host.Services.GetRequiredService<KnowledgeIndexer>().TrySyncAsync(CancellationToken.None);
        stopwatch.Stop();
        if (report is null || report.ChunksEmbedded != 0)
        {
            throw new InvalidOperationException($"A restart with unchanged files re-embedded {report?.ChunksEmbedded} chunks.");
        }

        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<List<double>> RetrievalLatencyAsync(string knowledge, string data, IReadOnlyList<string> questions)
    {
        using var host = BotServices.Build(knowledge, data);
        await host.Services.GetRequiredService<IKnowledgeIndexWriter>().TryLoadExistingAsync(CancellationToken.None);
        var search = host.Services.GetRequiredService<IKnowledgeSearch>();
        foreach (var question in questions.Take(10))
        {
            await search.SearchAsync(question, 6, CancellationToken.None); // warm-up
        }

        var latencies = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var question in questions)
            {
                var started = Stopwatch.GetTimestamp();
                await search.SearchAsync(question, 6, CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return latencies;
    }

    private static async Task<(List<double> Latencies, double FirstAnswerSeconds)> TurnLatencyAsync(string knowledge, string data, IReadOnlyList<string> questions, int turns)
    {
        var coldStart = Stopwatch.StartNew();
        await using var connector = await StandInConnector.StartAsync();
        using var bot = new BotServer(BotSettings.ForBenchmarks(data, knowledge));
        await BotServices.StartAndWaitUntilReadyAsync(bot);

        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var latencies = new List<double>();
        var firstAnswer = 0.0;
        for (var i = -20; i < turns; i++)
        {
            var activityId = "bench-" + (i + 20).ToString(CultureInfo.InvariantCulture);
            var activity = TeamsMessage(connector.ServiceUrl, activityId, questions[(i + 20) % questions.Count]);
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/messages", activity);
            await connector.WaitForAsync(a => a.ReplyToId == activityId);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The bot answered {(int)response.StatusCode} to turn {activityId}.");
            }

            if (i == -20)
            {
                firstAnswer = coldStart.Elapsed.TotalSeconds;
            }

            if (i >= 0)
            {
                latencies.Add(elapsed);
            }
        }

        return (latencies, firstAnswer);
    }

    internal static object TeamsMessage(string serviceUrl, string id, string text) => new
    {
        type = "message",
        id,
        timestamp = DateTimeOffset.UtcNow,
        channelId = "msteams",
        serviceUrl,
        from = new { id = "29:bench-user", name = "Bench User", aadObjectId = "6a3c1f0e-0000-4000-8000-000000000001" },
        conversation = new { id = "a:bench-conversation", conversationType = "personal", tenantId = "bench-tenant" },
        recipient = new { id = "28:adoptionbot", name = "AdoptionBot" },
        text,
        textFormat = "plain",
        locale = "en-US",
        channelData = new { tenant = new { id = "bench-tenant" } },
    };

    /// <summary>The development questions of the sample knowledge base (<see cref="EvalWorld.DevelopmentSet"/>).</summary>
    internal static List<string> LoadQuestions() => EvalWorld.DevelopmentSet().Select(q => q.Question).ToList();

    private static void Print(string name, BuildResult build)
    {
        Console.WriteLine(name);
        Console.WriteLine($"  files {build.Files}, chunks {build.Chunks}");
        Console.WriteLine($"  index build:               {build.Elapsed.TotalSeconds:F1} s ({build.Chunks / build.Elapsed.TotalSeconds:F1} chunks/s)");
    }



    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    private sealed record BuildResult(int Files, int Chunks, TimeSpan Elapsed);

    /// <summary>Writes a copy of the sample knowledge base plus generated guideline files made of its own sentences, reshuffled.</summary>
    internal static class SyntheticCorpus
    {
        private const int SectionsPerFile = 20;

        public static int Write(string sample, string target, int chunks)
        {
            CopyDirectory(sample, target);
            var sentences = Directory.EnumerateFiles(Path.Combine(sample, "guidelines"), "*.md")
                .SelectMany(f => File.ReadAllLines(f))
                .Where(l => l.Length > 40 && !l.StartsWith('#') && !l.StartsWith('|'))
                .SelectMany(l => l.Split(". ", StringSplitOptions.RemoveEmptyEntries))
                .Where(s => s.Length > 30)
                .ToArray();
            var words = sentences.SelectMany(s => s.Split(' ')).Where(w => w.Length > 5 && w.All(char.IsLetter)).Distinct().ToArray();
            var random = new Random(42);
            var files = (int)Math.Ceiling(Math.Max(0, chunks) / (double)SectionsPerFile);
            var folder = Directory.CreateDirectory(Path.Combine(target, "guidelines", "synthetic")).FullName;
            for (var f = 0; f < files; f++)
            {
                var text = new StringBuilder();
                text.Append(CultureInfo.InvariantCulture, $"# Synthetic guideline {f:D4}: {Title(random, words)}\n\n");
                for (var s = 0; s < SectionsPerFile; s++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"## {Title(random, words)}\n\n");
                    for (var p = 0; p < 6; p++)
                    {
                        text.Append(sentences[random.Next(sentences.Length)].TrimEnd('.')).Append(". ");
                    }

                    text.Append("\n\n");
                }

                File.WriteAllText(Path.Combine(folder, $"synthetic-{f:D4}.md"), text.ToString());
            }

            return files;
        }

        private static string Title(Random random, string[] words) =>
            string.Join(' ', Enumerable.Range(0, 3).Select(_ => words[random.Next(words.Length)]));

        private static void CopyDirectory(string source, string target)
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var destination = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }
    }
}
