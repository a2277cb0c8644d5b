using System.Globalization;
using System.Text.Json;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Questions.FollowUps;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// Scores retrieval and abstention on eval/questions.json over the sample knowledge base: recall@1, recall@3 and MRR
/// over the questions the knowledge base covers (a hit is any expected source among the first k distinct sources),
/// and abstention precision/recall (abstaining is the positive class) at the configured threshold and over a sweep.
/// </summary>
internal static class Evaluation
{
    private const int Retrieved = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var questions = JsonSerializer.Deserialize<List<EvalQuestion>>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "eval", "questions.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        var dataPath = Path.Combine(Path.GetTempPath(), "adoptionbot-eval-" + Guid.NewGuid().ToString("N"));
        using var host = BotServices.Build(TestPaths.SampleKnowledge, dataPath);
        await host.Services.GetRequiredService<KnowledgeIndexer>().TrySyncAsync(CancellationToken.None);
        var search = host.Services.GetRequiredService<IKnowledgeSearch>();
        var options = host.Services.GetRequiredService<IOptions<QuestionsOptions>>().Value;
        var verbose = args.Contains("--verbose");

        var results = new List<(EvalQuestion Question, List<string> Sources, double TopRelevance, bool HasUnknownTerms)>();
        foreach (var question in questions)
        {
            var passages = await search.SearchAsync(question.Question, Retrieved, CancellationToken.None);
            var sources = passages.Select(p => p.Chunk.SourceId).Distinct().ToList();
            var topRelevance = passages.Take(options.MaxPassages).Select(p => p.Relevance).DefaultIfEmpty(0).Max();
            var unknown = await search.FindUnknownTermsAsync(question.Question, CancellationToken.None);
            results.Add((question, sources, topRelevance, unknown.Count > 0));
        }

        var covered = results.Where(r => r.Question.Expected.Count > 0).ToList();
        double RecallAt(int k) => covered.Count(r => r.Sources.Take(k).Any(r.Question.Expected.Contains)) / (double)covered.Count;
        var mrr = covered.Average(r =>
        {
            var rank = r.Sources.FindIndex(r.Question.Expected.Contains);
            return rank < 0 ? 0 : 1.0 / (rank + 1);
        });

        Console.WriteLine($"Evaluation set: {questions.Count} questions ({covered.Count} covered, {questions.Count - covered.Count} not covered)");
        foreach (var kind in questions.GroupBy(q => q.Kind))
        {
            Console.WriteLine($"  {kind.Key,-12} {kind.Count()}");
        }

        Console.WriteLine();
        Console.WriteLine($"recall@1  {RecallAt(1):F3}");
        Console.WriteLine($"recall@3  {RecallAt(3):F3}");
        Console.WriteLine($"MRR       {mrr:F3}");
        foreach (var kind in covered.GroupBy(r => r.Question.Kind))
        {
            Console.WriteLine($"  recall@3 {kind.Key,-12} {kind.Count(r => r.Sources.Take(3).Any(r.Question.Expected.Contains)) / (double)kind.Count():F3}");
        }

        Console.WriteLine();
        Console.WriteLine($"Abstention: below Questions:MinRelevance = {options.MinRelevance:F3}, or below Questions:MinRelevanceWithUnknownWords = {options.MinRelevanceWithUnknownWords:F3} when the question has words the knowledge base never uses.");
        Console.WriteLine("min-relevance  with-unknown-words  abstain-precision  abstain-recall  answered-correct@3");
        var sweep = Enumerable.Range(0, 13).Select(i => (options.MinRelevance, 0.20 + (i * 0.02)))
            .Concat(Enumerable.Range(0, 13).Select(i => (0.20 + (i * 0.02), 0.0)))
            .Append((options.MinRelevance, options.MinRelevanceWithUnknownWords))
            .Distinct()
            .OrderBy(t => t.Item2 == 0 ? 1 : 0).ThenBy(t => t.Item1).ThenBy(t => t.Item2);
        foreach (var (threshold, unknownThreshold) in sweep)
        {
            var line = Abstention(results, threshold, unknownThreshold);
            var configured = Math.Abs(threshold - options.MinRelevance) < 1e-9 && Math.Abs(unknownThreshold - options.MinRelevanceWithUnknownWords) < 1e-9;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{threshold,13:F3}  {(unknownThreshold == 0 ? "-" : unknownThreshold.ToString("F3", CultureInfo.InvariantCulture)),17}  {line.Precision,17:F3}  {line.Recall,14:F3}  {line.AnsweredCorrect,18:F3}{(configured ? "  <- configured" : "")}"));
        }

        if (verbose)
        {
            Console.WriteLine();
            foreach (var (question, sources, relevance, hasUnknown) in results)
            {
                var hit = question.Expected.Count == 0 ? "n/a" : sources.Take(3).Any(question.Expected.Contains) ? "hit" : "MISS";
                Console.WriteLine($"{question.Id} {hit,-4} rel={relevance:F3}{(hasUnknown ? " unknown-words" : "")} [{question.Kind}] {question.Question}\n      expected: {string.Join(", ", question.Expected)}\n      got:      {string.Join(", ", sources.Take(3))}");
            }
        }

        await FollowUpsAsync(search, verbose);
        Directory.Delete(dataPath, recursive: true);
        return 0;
    }

    /// <summary>Follow-up questions asked right after another question: retrieval on the follow-up alone, and as the bot searches it.</summary>
    private static async Task FollowUpsAsync(IKnowledgeSearch search, bool verbose)
    {
        var followUps = JsonSerializer.Deserialize<List<EvalFollowUp>>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "eval", "followups.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        var alone = 0;
        var rewritten = 0;
        var detected = 0;
        foreach (var followUp in followUps)
        {
            var query = FollowUpRewriter.Rewrite(followUp.Question, [followUp.Previous]);
            detected += query == followUp.Question ? 0 : 1;
            var hitAlone = await HitAt3Async(search, followUp.Question, followUp.Expected);
            var hitRewritten = await HitAt3Async(search, query, followUp.Expected);
            alone += hitAlone ? 1 : 0;
            rewritten += hitRewritten ? 1 : 0;
            if (verbose)
            {
                Console.WriteLine($"{followUp.Id} alone {(hitAlone ? "hit" : "MISS"),-4} as searched {(hitRewritten ? "hit" : "MISS"),-4} {query}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Follow-ups ({followUps.Count}, eval/followups.json): recognised as follow-ups {detected}; recall@3 on the follow-up alone {alone / (double)followUps.Count:F3}, as the bot searches it (with the previous question's words) {rewritten / (double)followUps.Count:F3}");
    }

    private static async Task<bool> HitAt3Async(IKnowledgeSearch search, string query, List<string> expected)
    {
        var passages = await search.SearchAsync(query, Retrieved, CancellationToken.None);
        return passages.Select(p => p.Chunk.SourceId).Distinct().Take(3).Any(expected.Contains);
    }

    private static (double Precision, double Recall, double AnsweredCorrect) Abstention(
        List<(EvalQuestion Question, List<string> Sources, double TopRelevance, bool HasUnknownTerms)> results, double threshold, double unknownThreshold)
    {
        bool Abstains((EvalQuestion Question, List<string> Sources, double TopRelevance, bool HasUnknownTerms) r) =>
            r.TopRelevance < threshold || (r.HasUnknownTerms && r.TopRelevance < unknownThreshold);
        var abstained = results.Where(Abstains).ToList();
        var notCovered = results.Where(r => r.Question.Expected.Count == 0).ToList();
        var covered = results.Where(r => r.Question.Expected.Count > 0).ToList();
        var precision = abstained.Count == 0 ? 1 : abstained.Count(r => r.Question.Expected.Count == 0) / (double)abstained.Count;
        var recall = notCovered.Count == 0 ? 1 : notCovered.Count(Abstains) / (double)notCovered.Count;
        var answeredCorrect = covered.Count(r => !Abstains(r) && r.Sources.Take(3).Any(r.Question.Expected.Contains)) / (double)covered.Count;
        return (precision, recall, answeredCorrect);
    }

    private sealed record EvalQuestion(string Id, string Question, List<string> Expected, string Kind);

    private sealed record EvalFollowUp(string Id, string Previous, string Question, List<string> Expected);
}
