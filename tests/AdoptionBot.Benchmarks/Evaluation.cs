using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Questions.FollowUps;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// Asks every question of each evaluation world (eval/worlds/*: a knowledge base and the questions written for it)
/// through the bot's own answering, as a fresh chat would, and scores what an employee gets: a right source among the
/// first three, answerable questions declined, answers that state the fact asked for, uncovered questions declined
/// and the precision of declining, and what German questions get.
/// </summary>
internal static partial class Evaluation
{
    private const int Retrieved = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var verbose = args.Contains("--verbose");
        var only = StringArg(args, "--world");
        var worlds = EvalWorld.All().Where(w => only is null || w.Name == only).ToList();
        if (worlds.Count == 0)
        {
            Console.Error.WriteLine($"No evaluation world named {only}; there are: {string.Join(", ", EvalWorld.All().Select(w => w.Name))}");
            return 2;
        }

        foreach (var world in worlds)
        {
            var results = await AskAllAsync(world, null);
            Report(world, results, verbose);
        }

        return 0;
    }

    /// <summary>Builds the world's index in a fresh data folder and asks each question through <see cref="QuestionAnswerer"/>.</summary>
    internal static async Task<List<EvalResult>> AskAllAsync(EvalWorld world, IDictionary<string, string?>? settings)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "adoptionbot-eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = BotServices.Build(world.KnowledgePath, dataPath, settings);
            await host.Services.GetRequiredService<KnowledgeIndexer>().TrySyncAsync(CancellationToken.None);
            var search = host.Services.GetRequiredService<IKnowledgeSearch>();
            var answerer = host.Services.GetRequiredService<QuestionAnswerer>();
            var results = new List<EvalResult>();
            foreach (var question in world.Questions)
            {
                var inContext = question.Previous is { Length: > 0 } previous && FollowUpRewriter.IsFollowUp(question.Question)
                    ? new QuestionInContext(question.Question, FollowUpRewriter.Rewrite(question.Question, [previous]), previous)
                    : QuestionInContext.Standalone(question.Question);
                var passages = await search.SearchAsync(inContext.SearchText, Retrieved, CancellationToken.None);
                var answer = await answerer.AnswerAsync(inContext, null, null, CancellationToken.None);
                results.Add(new EvalResult(question, passages.Select(p => p.Chunk.SourceId).Distinct().ToList(), answer));
            }

            return results;
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static void Report(EvalWorld world, List<EvalResult> results, bool verbose)
    {
        var scores = EvalScores.Of(results);
        Console.WriteLine($"World {world.Name}: {world.Description}");
        Console.WriteLine($"  {results.Count} questions: " + string.Join(", ", results.GroupBy(r => r.Question.Kind).Select(g => $"{g.Key} {g.Count()}")));
        Console.WriteLine();
        Console.WriteLine("  | measure | result | target |");
        Console.WriteLine("  | --- | --- | --- |");
        Console.WriteLine($"  | a right source among the first three (recall@3) | {scores.RecallAt3:F3} ({scores.RetrievalHits} of {scores.Answerable}) | ≥ 0.95 |");
        Console.WriteLine($"  | answerable questions declined | {Percent(scores.AnswerableDeclined, scores.Answerable)} ({scores.AnswerableDeclined} of {scores.Answerable}) | ≤ 2 % |");
        Console.WriteLine($"  | answers that state the fact asked for | {Percent(scores.FactStated, scores.AnsweredWithFact)} ({scores.FactStated} of {scores.AnsweredWithFact}) | ≥ 90 % |");
        Console.WriteLine($"  | uncovered questions declined | {Percent(scores.UncoveredDeclined, scores.Uncovered)} ({scores.UncoveredDeclined} of {scores.Uncovered}) | ≥ 90 % |");
        Console.WriteLine($"  | abstention precision | {scores.AbstentionPrecision:F3} ({scores.UncoveredDeclined} of {scores.Declined} declined) | ≥ 0.9 |");
        Console.WriteLine($"  | German questions told in German that this setup answers English | {scores.GermanNoticed} of {scores.German} | all |");
        Console.WriteLine();
        foreach (var kind in results.Where(r => r.Question.IsAnswerable).GroupBy(r => r.Question.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var s = EvalScores.Of([.. kind]);
            Console.WriteLine($"  {kind.Key,-14} recall@3 {s.RecallAt3:F2}  declined {s.AnswerableDeclined}/{s.Answerable}  fact {s.FactStated}/{s.AnsweredWithFact}");
        }

        foreach (var kind in results.Where(r => r.Question.IsUncovered).GroupBy(r => r.Question.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {kind.Key,-14} declined {kind.Count(r => !r.Answer.IsCovered)}/{kind.Count()}");
        }

        Console.WriteLine();
        if (!verbose)
        {
            return;
        }

        foreach (var r in results)
        {
            var verdict = r.Question switch
            {
                { IsGerman: true } => r.GermanNoticed ? "de-ok" : "DE",
                { IsAnswerable: true } when !r.Answer.IsCovered => "DECLINED",
                { IsAnswerable: true } => (r.RetrievalHit ? "" : "MISS ") + (r.FactStated ? "fact" : "NOFACT"),
                _ => r.Answer.IsCovered ? "ANSWERED" : "declined",
            };
            Console.WriteLine($"{r.Question.Id} {verdict,-12} rel={r.Answer.TopRelevance:F3} [{r.Question.Kind}] {r.Question.Question}");
            if (verdict.Any(char.IsUpper))
            {
                Console.WriteLine($"      expected: {string.Join(", ", r.Question.Expected)} facts: {string.Join(" | ", r.Question.FactList)}");
                Console.WriteLine($"      got:      {string.Join(", ", r.Sources.Take(3))}");
                Console.WriteLine($"      answer:   {Regex.Replace(r.Answer.Text, @"\s+", " ")[..Math.Min(400, Regex.Replace(r.Answer.Text, @"\s+", " ").Length)]}");
            }
        }

        Console.WriteLine();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1} %");

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>
/// One world: a knowledge base (its own knowledge/ folder, or the repository's sample), the questions written for it
/// by someone who did not see the ranking code (questions.json), and the questions the bot was developed on, if any
/// (development.json: used for calibrating the decision to answer, never reported).
/// </summary>
internal sealed record EvalWorld(string Name, string Description, string KnowledgePath, IReadOnlyList<EvalQuestion> Questions, IReadOnlyList<EvalQuestion> ExtraQuestions)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static string Root => TestPaths.InRepository("tests", "AdoptionBot.Benchmarks", "eval", "worlds");

    /// <summary>The 91 questions the sample knowledge base's retrieval was developed on (follow-ups aside): the latency and lexical benchmarks ask them.</summary>
    public static List<EvalQuestion> DevelopmentSet() =>
        Read(Path.Combine(Root, "nordhafen", "development.json")).Where(q => q.Kind != "follow-up").ToList();

    private static List<EvalQuestion> Read(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<List<EvalQuestion>>(File.ReadAllText(file), Json)! : [];

    public static IEnumerable<EvalWorld> All()
    {
        foreach (var folder in Directory.GetDirectories(Root).Where(f => File.Exists(Path.Combine(f, "questions.json"))).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var knowledge = Path.Combine(folder, "knowledge");
            var ownKnowledge = Directory.Exists(knowledge);
            yield return new EvalWorld(
                name,
                ownKnowledge ? "its own knowledge base (eval/worlds/" + name + "/knowledge)" : "the sample knowledge base (knowledge/)",
                ownKnowledge ? knowledge : TestPaths.SampleKnowledge,
                Read(Path.Combine(folder, "questions.json")),
                Read(Path.Combine(folder, "development.json")));
        }
    }
}

internal sealed record EvalQuestion(string Id, string Question, string Kind, List<string> Expected, List<string>? Facts, string? Previous)
{
    public bool IsGerman => Kind == "german";

    /// <summary>A question the knowledge base answers (German ones are scored on their own).</summary>
    public bool IsAnswerable => Expected.Count > 0 && !IsGerman;

    public bool IsUncovered => Expected.Count == 0 && !IsGerman;

    public IReadOnlyList<string> FactList => Facts ?? [];
}

internal sealed partial record EvalResult(EvalQuestion Question, List<string> Sources, Answer Answer)
{
    public bool RetrievalHit => Sources.Take(3).Any(Question.Expected.Contains);

    /// <summary>The answer's text holds one of the facts, as the document writes it (case, spacing and Markdown aside).</summary>
    public bool FactStated => Answer.IsCovered && Question.FactList.Any(f => Normalize(Answer.Text).Contains(Normalize(f), StringComparison.Ordinal));

    /// <summary>A German question gets, in German, the notice that this setup answers English questions.</summary>
    public bool GermanNoticed => Answer.Outcome == AnswerOutcomes.OtherLanguage;

    private static string Normalize(string text) => Spaces().Replace(Markup().Replace(text, ""), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\*\*|\\(?=\p{P})")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

internal sealed record EvalScores(
    int Answerable, int RetrievalHits, int AnswerableDeclined, int AnsweredWithFact, int FactStated,
    int Uncovered, int UncoveredDeclined, int Declined, int German, int GermanNoticed)
{
    public double RecallAt3 => Answerable == 0 ? 0 : RetrievalHits / (double)Answerable;

    public double AbstentionPrecision => Declined == 0 ? 1 : UncoveredDeclined / (double)Declined;

    public static EvalScores Of(IReadOnlyList<EvalResult> results)
    {
        var answerable = results.Where(r => r.Question.IsAnswerable).ToList();
        var answeredWithFact = answerable.Where(r => r.Answer.IsCovered && r.Question.FactList.Count > 0).ToList();
        var uncovered = results.Where(r => r.Question.IsUncovered).ToList();
        var german = results.Where(r => r.Question.IsGerman).ToList();
        return new EvalScores(
            answerable.Count,
            answerable.Count(r => r.RetrievalHit),
            answerable.Count(r => !r.Answer.IsCovered),
            answeredWithFact.Count,
            answeredWithFact.Count(r => r.FactStated),
            uncovered.Count,
            uncovered.Count(r => !r.Answer.IsCovered),
            results.Count(r => !r.Question.IsGerman && !r.Answer.IsCovered),
            german.Count,
            german.Count(r => r.GermanNoticed));
    }
}
