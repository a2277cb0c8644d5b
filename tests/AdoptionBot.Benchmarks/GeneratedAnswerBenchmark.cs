using System.Diagnostics;
using AdoptionBot.AI;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// The two figures of generated answers, through the real QuestionAnswerer over the sample knowledge base:
/// (1) with a stand-in model on loopback that answers at once, how much later a generated answer is ready than the
/// extracted one for the same question (prompt building, the HTTP exchange, citation mapping); (2) with a stand-in that
/// never answers, how long until the extracted answer is ready (target: AI:TimeoutSeconds plus at most 1 s).
/// </summary>
internal static class GeneratedAnswerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = CommandLine.IntArg(args, "--rounds", 5);
        var hangs = CommandLine.IntArg(args, "--hangs", 5);
        var timeout = CommandLine.IntArg(args, "--timeout", 2);
        var knowledge = TestPaths.InRepository("knowledge");
        var data = Directory.CreateTempSubdirectory("adoptionbot-generated-").FullName;
        var questions = Benchmark.LoadQuestions();
        await using var model = await StandInModel.StartAsync();
        model.Reply = StandInModel.CitingEveryPassage;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        try
        {
            using (var indexing = BotServices.Build(knowledge, data))
            {
                await indexing.Services.GetRequiredService<KnowledgeIndexer>().TrySyncAsync(CancellationToken.None);
            }

            using var extractive = await StartAsync(knowledge, data, null);
            using var generated = await StartAsync(knowledge, data, Settings(model, 8));
            var (extractiveMs, generatedMs, addedMs) = await AddedLatencyAsync(extractive, generated, questions, rounds);
            Console.WriteLine($"Instant stand-in model, whole answer (retrieval included), {addedMs.Count} covered questions ({rounds} rounds of {questions.Count}):");
            Console.WriteLine($"  extractive answer:  p50 {CommandLine.Percentile(extractiveMs, 50):F1} ms, p95 {CommandLine.Percentile(extractiveMs, 95):F1} ms");
            Console.WriteLine($"  generated answer:   p50 {CommandLine.Percentile(generatedMs, 50):F1} ms, p95 {CommandLine.Percentile(generatedMs, 95):F1} ms");
            Console.WriteLine($"  difference of the two, per question: p50 {CommandLine.Percentile(addedMs, 50):F1} ms, p95 {CommandLine.Percentile(addedMs, 95):F1} ms (includes two retrievals' jitter)");
            var (extractiveCompose, generatedCompose, addedCompose) = await ComposerLatencyAsync(generated, questions, rounds);
            Console.WriteLine($"Instant stand-in model, same retrieved passages for both composers, {addedCompose.Count} answers:");
            Console.WriteLine($"  extractive composer: p50 {CommandLine.Percentile(extractiveCompose, 50):F2} ms, p95 {CommandLine.Percentile(extractiveCompose, 95):F2} ms");
            Console.WriteLine($"  generated composer:  p50 {CommandLine.Percentile(generatedCompose, 50):F2} ms, p95 {CommandLine.Percentile(generatedCompose, 95):F2} ms");
            Console.WriteLine($"  added by the generated path: p50 {CommandLine.Percentile(addedCompose, 50):F2} ms, p95 {CommandLine.Percentile(addedCompose, 95):F2} ms (target p95 <= 20 ms)");

            model.Reply = _ => ModelReply.Hanging();
            foreach (var seconds in new[] { timeout, 8 })
            {
                using var hanging = await StartAsync(knowledge, data, Settings(model, seconds));
                var waits = await TimeToFallbackAsync(hanging, questions, seconds == 8 ? 1 : hangs);
                Console.WriteLine($"Stand-in model that never answers, AI:TimeoutSeconds={seconds}, {waits.Count} questions:");
                Console.WriteLine($"  until the extracted answer: max {waits.Max():F2} s, over the timeout by at most {waits.Max() - seconds:F2} s (target <= 1 s)");
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    private static Dictionary<string, string?> Settings(StandInModel model, int timeoutSeconds) => new()
    {
        ["AI:Provider"] = "AzureOpenAI",
        ["AI:Endpoint"] = model.Endpoint,
        ["AI:ApiKey"] = "benchmark",
        ["AI:ChatDeployment"] = "stand-in",
        ["AI:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<IHost> StartAsync(string knowledge, string data, IDictionary<string, string?>? settings)
    {
        var host = BotServices.Build(knowledge, data, settings);
        await host.Services.GetRequiredService<IKnowledgeIndexWriter>().TryLoadExistingAsync(CancellationToken.None);
        await host.Services.GetRequiredService<IKnowledgeSearch>().SearchAsync("warm-up: loads the embedding model", 1, CancellationToken.None);
        return host;
    }

    private static async Task<(List<double> Extractive, List<double> Generated, List<double> Added)> AddedLatencyAsync(IHost extractiveHost, IHost generatedHost, IReadOnlyList<string> questions, int rounds)
    {
        var extractive = extractiveHost.Services.GetRequiredService<QuestionAnswerer>();
        var generated = generatedHost.Services.GetRequiredService<QuestionAnswerer>();
        foreach (var question in questions.Take(10))
        {
            await extractive.AnswerAsync(question, CancellationToken.None); // warm-up: model load, JIT, connections
            await generated.AnswerAsync(question, CancellationToken.None);
        }

        List<double> extractiveMs = [], generatedMs = [], addedMs = [];
        for (var round = 0; round < rounds; round++)
        {
            foreach (var question in questions)
            {
                var (a, extractiveTime) = await TimeAsync(() => extractive.AnswerAsync(question, CancellationToken.None));
                var (b, generatedTime) = await TimeAsync(() => generated.AnswerAsync(question, CancellationToken.None));
                if (!a.IsCovered || !b.IsCovered)
                {
                    continue;
                }

                if (b.Text.Contains(GeneratedAnswerComposer.FallbackNote, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The stand-in model did not answer; the measurement would be of the fallback.");
                }

                extractiveMs.Add(extractiveTime);
                generatedMs.Add(generatedTime);
                addedMs.Add(generatedTime - extractiveTime);
            }
        }

        return (extractiveMs, generatedMs, addedMs);
    }

    /// <summary>Retrieval runs once per question; both composers then work on the same passages, so only their difference is timed.</summary>
    private static async Task<(List<double> Extractive, List<double> Generated, List<double> Added)> ComposerLatencyAsync(IHost host, IReadOnlyList<string> questions, int rounds)
    {
        var search = host.Services.GetRequiredService<IKnowledgeSearch>();
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<QuestionsOptions>>().Value;
        var extractive = host.Services.GetRequiredService<ExtractiveAnswerComposer>();
        var generated = host.Services.GetRequiredService<GeneratedAnswerComposer>();
        var retrieved = new List<(string Question, IReadOnlyList<RetrievedPassage> Passages)>();
        foreach (var question in questions)
        {
            var passages = (await search.SearchAsync(question, options.MaxPassages, CancellationToken.None)).Where(p => p.Relevance >= options.MinRelevance).ToList();
            if (passages.Count > 0)
            {
                retrieved.Add((question, passages));
            }
        }

        List<double> extractiveMs = [], generatedMs = [], addedMs = [];
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (question, passages) in retrieved)
            {
                var started = Stopwatch.GetTimestamp();
                var a = await extractive.ComposeAsync(question, passages, CancellationToken.None);
                var extractiveTime = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                var b = await generated.ComposeAsync(question, passages, CancellationToken.None);
                var generatedTime = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (a is null || b is null || b.Text.Contains(GeneratedAnswerComposer.FallbackNote, StringComparison.Ordinal))
                {
                    continue;
                }

                extractiveMs.Add(extractiveTime);
                generatedMs.Add(generatedTime);
                addedMs.Add(generatedTime - extractiveTime);
            }
        }

        return (extractiveMs, generatedMs, addedMs);
    }

    private static async Task<List<double>> TimeToFallbackAsync(IHost host, IReadOnlyList<string> questions, int count)
    {
        var answerer = host.Services.GetRequiredService<QuestionAnswerer>();
        var waits = new List<double>();
        foreach (var question in questions)
        {
            var (answer, ms) = await TimeAsync(() => answerer.AnswerAsync(question, CancellationToken.None));
            if (!answer.IsCovered)
            {
                continue; // abstained before the model: nothing to wait for
            }

            if (!answer.Text.EndsWith(GeneratedAnswerComposer.FallbackNote, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Expected the marked extracted answer.");
            }

            waits.Add(ms / 1000);
            if (waits.Count == count)
            {
                break;
            }
        }

        return waits;
    }

    private static async Task<(Answer Answer, double Milliseconds)> TimeAsync(Func<Task<Answer>> answer)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await answer();
        return (result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
