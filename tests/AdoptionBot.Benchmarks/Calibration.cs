using System.Globalization;
using System.Text.Json;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Questions.Evidence;
using AdoptionBot.Questions.FollowUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// Fits what the extracted answers and the decision to answer depend on, on one evaluation world only: the sentence
/// weights (<see cref="SentenceWeights"/>, by a grid search for the most answers that state the asked fact) and the
/// evidence model (<see cref="EvidenceModel"/>, a regularised logistic regression, with the confidence threshold that
/// makes the fewest mistakes in proportion: answerable questions declined and uncovered ones answered count alike).
/// With --report it scores the fitted values on another world, which the fit never saw.
/// </summary>
internal static class Calibration
{
    private const int Passages = 6;

    private static bool Verbose { get; set; }

    private static bool ProbeVocabulary { get; set; }

    public static async Task<int> RunAsync(string[] args)
    {
        Verbose = args.Contains("--verbose");
        ProbeVocabulary = args.Contains("--probe-vocabulary");
        var worlds = EvalWorld.All().ToDictionary(w => w.Name);
        var fitOn = worlds[StringArg(args, "--world") ?? "nordhafen"];
        var reportOn = StringArg(args, "--report") is { } name ? worlds[name] : null;

        Console.WriteLine($"Calibrating on {fitOn.Name} ({fitOn.Questions.Count} questions{(fitOn.ExtraQuestions.Count > 0 ? $" and {fitOn.ExtraQuestions.Count} development questions for the decision only" : "")})");
        var fit = await RetrieveAsync(fitOn, [.. fitOn.Questions, .. fitOn.ExtraQuestions]);
        var weights = args.Contains("--keep-weights") ? SentenceWeights.Default : FitWeights(fit.Where(c => c.Question.IsAnswerable && c.Question.FactList.Count > 0).ToList(), args.Contains("--quick"));
        if (args.Contains("--diagnose"))
        {
            Diagnose(fit.Where(c => c.Question.IsAnswerable && c.Question.FactList.Count > 0 && fitOn.Questions.Contains(c.Question)).ToList(), weights);
        }

        var (model, threshold) = FitModel(fit, weights);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SentenceWeights: new({weights.WordShare}, {weights.AskedFact}, {weights.Leaning}, {weights.Novelty}, {weights.Passage}, {weights.SecondarySentence}, {weights.SecondarySource}, {weights.SecondSentence}, {weights.LeadSentences})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EvidenceModel: new({model.Intercept:F3}, [{string.Join(", ", model.Coefficients.Select(c => c.ToString("F3", CultureInfo.InvariantCulture)))}]), threshold {threshold:F3}"));
        Score("fitted on itself", fit.Where(c => fitOn.Questions.Contains(c.Question)).ToList(), weights, model, threshold);
        if (reportOn is not null)
        {
            var report = await RetrieveAsync(reportOn, reportOn.Questions);
            Score($"reported on {reportOn.Name}", report, weights, model, threshold);
        }

        return 0;
    }

    /// <summary>One question with what the bot retrieves for it: the passages, and the words the knowledge base never uses.</summary>
    private sealed record Case(EvalQuestion Question, string Typed, string Searched, IReadOnlyList<RetrievedPassage> Passages, IReadOnlyList<string> Unknown);

    private static async Task<List<Case>> RetrieveAsync(EvalWorld world, IReadOnlyList<EvalQuestion> questions)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "adoptionbot-calibrate-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = BotServices.Build(world.KnowledgePath, dataPath);
            await host.Services.GetRequiredService<KnowledgeIndexer>().TrySyncAsync(CancellationToken.None);
            var search = host.Services.GetRequiredService<IKnowledgeSearch>();
            var cases = new List<Case>();
            if (ProbeVocabulary)
            {
                await ProbeVocabularyAsync(host.Services, questions);
            }

            foreach (var question in questions)
            {
                var inContext = question.Previous is { Length: > 0 } previous && FollowUpRewriter.IsFollowUp(question.Question)
                    ? new QuestionInContext(question.Question, FollowUpRewriter.Rewrite(question.Question, [previous]), previous)
                    : QuestionInContext.Standalone(question.Question);
                var passages = await search.SearchAsync(inContext.SearchText, Passages, KnowledgeFilter.Shared, CancellationToken.None);
                var unknown = await search.FindUnknownTermsAsync(question.Question, CancellationToken.None);
                cases.Add(new Case(question, inContext.ForComposer, inContext.SearchText, passages, unknown));
            }

            return cases;
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <summary>
    /// The measurement behind "mapping unknown words by embedding" in docs/benchmarks.md (measured, not adopted): how
    /// close each unknown word of a question is to its nearest word of the knowledge base.
    /// </summary>
    private static async Task ProbeVocabularyAsync(IServiceProvider services, IReadOnlyList<EvalQuestion> questions)
    {
        var options = services.GetRequiredService<IOptions<AdoptionBot.Knowledge.KnowledgeOptions>>().Value;
        var texts = new List<string>();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + options.ResolvedIndexFile))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT title || ' ' || heading_path || ' ' || text FROM chunks";
            using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                texts.Add(reader.GetString(0));
            }
        }

        var vocabulary = texts.SelectMany(QueryText.Terms).Where(t => t.Length >= 3 && t.Any(char.IsLetter)).Distinct().ToList();
        var embeddings = services.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var vectors = new List<float[]>();
        foreach (var batch in vocabulary.Chunk(64))
        {
            vectors.AddRange((await embeddings.GenerateAsync(batch)).Select(e => e.Vector.ToArray()));
        }

        Console.WriteLine($"Vocabulary: {vocabulary.Count} words embedded in {started.Elapsed.TotalSeconds:F1} s");
        var search = services.GetRequiredService<IKnowledgeSearch>();
        foreach (var question in questions.Where(q => !q.IsGerman))
        {
            var unknown = await search.FindUnknownTermsAsync(question.Question, CancellationToken.None);
            if (unknown.Count == 0)
            {
                continue;
            }

            var parts = new List<string>();
            foreach (var word in unknown)
            {
                var v = (await embeddings.GenerateAsync([word]))[0].Vector.ToArray();
                var best = vectors.Select((x, i) => (Cos: System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, v), i)).MaxBy(p => p.Cos);
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{word}→{vocabulary[best.i]} {best.Cos:F2}"));
            }

            Console.WriteLine($"  {(question.IsAnswerable ? "A" : "U")} {question.Id} {question.Kind}: {string.Join("; ", parts)}");
        }
    }

    private static SentenceWeights FitWeights(List<Case> cases, bool quick)
    {
        var grid =
            from wordShare in new[] { 0.2, 0.35, 0.5 }
            from askedFact in new[] { 0.2, 0.4, 0.7 }
            from novelty in new[] { 0.0, 0.2, 0.4, 0.6 }
            from passage in quick ? [0.0] : new[] { 0.0, 0.25, 0.5 }
            from secondarySource in new[] { 0.6, 0.7, 0.8 }
            from secondSentence in new[] { 0.0, 0.6, 0.8 }
            from leadSentences in new[] { 2, 3 }
            select new SentenceWeights(wordShare, askedFact, 0, novelty, passage, 0.85, secondarySource, secondSentence, leadSentences);
        var scored = grid.Select(w => (Weights: w, Result: FactsStated(cases, w))).ToList();
        var best = scored.OrderByDescending(s => s.Result.Stated).ThenBy(s => s.Result.Chars).ToList();
        var current = FactsStated(cases, SentenceWeights.Default);
        Console.WriteLine($"Sentence weights, {scored.Count} tried on {cases.Count} answerable questions with facts (all {Passages} passages given):");
        Console.WriteLine($"  current defaults: {current.Stated} facts stated, {current.Chars:F0} characters on average");
        foreach (var (w, r) in best.Take(5))
        {
            Console.WriteLine($"  {r.Stated} facts, {r.Chars:F0} chars: {w}");
        }

        return best[0].Weights;
    }

    /// <summary>For each question whose answer misses its fact: whether any retrieved passage holds it, and which sentence would.</summary>
    private static void Diagnose(List<Case> cases, SentenceWeights weights)
    {
        var composer = new ExtractiveAnswerComposer(Options.Create(new QuestionsOptions()), weights);
        int inTop1 = 0, inAny = 0, inNone = 0;
        foreach (var c in cases)
        {
            var answer = composer.ComposeAsync(c.Typed, c.Passages, CancellationToken.None).GetAwaiter().GetResult();
            var result = new EvalResult(c.Question, [], new Answer(AnswerOutcomes.Answered, answer?.Text ?? "", answer?.Citations ?? [], 0));
            if (result.FactStated)
            {
                continue;
            }

            bool Holds(string text) => c.Question.FactList.Any(f => text.Contains(f, StringComparison.OrdinalIgnoreCase));
            var holding = c.Passages.Select((p, i) => (p, i)).Where(x => Holds(x.p.Chunk.Text)).ToList();
            if (holding.Count == 0) { inNone++; } else if (holding[0].i == 0) { inTop1++; } else { inAny++; }
            Console.WriteLine($"{c.Question.Id} [{c.Question.Kind}] asks {QuestionTerms.Of(c.Question.Question).Asked} — {c.Question.Question}");
            Console.WriteLine($"   fact {string.Join(" | ", c.Question.FactList)}; in passages {string.Join(",", holding.Select(h => h.i))}");
            foreach (var (p, i) in holding.Take(1))
            {
                var ranked = SentenceRanking.Rank(QuestionTerms.Of(c.Typed), p, weights).OrderByDescending(s => s.Score).ToList();
                var right = ranked.FindIndex(s => Holds(s.Text));
                Console.WriteLine($"   passage {i} rel {p.Relevance:F3}; fact sentence ranks {right + 1} of {ranked.Count}: {(right >= 0 ? Describe(ranked[right]) : "split across sentences")}");
                Console.WriteLine($"   best: {Describe(ranked[0])}");
            }

            Console.WriteLine($"   answer: {answer?.Text.ReplaceLineEndings(" ")[..Math.Min(200, answer.Text.Length)]}");
        }

        Console.WriteLine($"Missed facts: {inTop1} in the best passage, {inAny} in another passage, {inNone} in none of the {Passages}");
    }

    private static string Describe(RankedSentence s) =>
        string.Create(CultureInfo.InvariantCulture, $"score {s.Score:F2} cos {s.Relevance:F2} share {s.WordShare:F2} fact {s.HoldsAskedFact}: {s.Text[..Math.Min(140, s.Text.Length)]}");

    private static (int Stated, double Chars) FactsStated(List<Case> cases, SentenceWeights weights)
    {
        var composer = new ExtractiveAnswerComposer(Options.Create(new QuestionsOptions()), weights);
        var stated = 0;
        var chars = 0.0;
        foreach (var c in cases)
        {
            var answer = composer.ComposeAsync(c.Typed, c.Passages, CancellationToken.None).GetAwaiter().GetResult();
            if (answer is null)
            {
                continue;
            }

            chars += answer.Text.Length;
            stated += new EvalResult(c.Question, [], new Answer(AnswerOutcomes.Answered, answer.Text, answer.Citations, 0)).FactStated ? 1 : 0;
        }

        return (stated, chars / Math.Max(1, cases.Count));
    }

    private static (EvidenceModel Model, double Threshold) FitModel(List<Case> cases, SentenceWeights weights)
    {
        var labelled = cases.Where(c => !c.Question.IsGerman).Select(c => (X: Evidence(c, weights).Values.ToArray(), Y: c.Question.IsAnswerable ? 1.0 : 0.0)).ToList();
        var dimensions = labelled[0].X.Length;
        var mean = Enumerable.Range(0, dimensions).Select(j => labelled.Average(l => l.X[j])).ToArray();
        var std = Enumerable.Range(0, dimensions).Select(j => Math.Max(1e-6, Math.Sqrt(labelled.Average(l => Math.Pow(l.X[j] - mean[j], 2))))).ToArray();
        var positives = labelled.Count(l => l.Y == 1);
        var negatives = labelled.Count - positives;

        // Both classes weigh the same in total, however many questions each has; L2 keeps the coefficients small.
        var w = new double[dimensions];
        var b = 0.0;
        const double Rate = 0.1, Lambda = 0.05;
        for (var iteration = 0; iteration < 20000; iteration++)
        {
            var gradient = new double[dimensions];
            var gradientB = 0.0;
            foreach (var (x, y) in labelled)
            {
                var z = b + Enumerable.Range(0, dimensions).Sum(j => w[j] * (x[j] - mean[j]) / std[j]);
                var error = (1 / (1 + Math.Exp(-z))) - y;
                var weight = y == 1 ? labelled.Count / (2.0 * positives) : labelled.Count / (2.0 * negatives);
                for (var j = 0; j < dimensions; j++)
                {
                    gradient[j] += weight * error * (x[j] - mean[j]) / std[j];
                }

                gradientB += weight * error;
            }

            for (var j = 0; j < dimensions; j++)
            {
                w[j] -= Rate * ((gradient[j] / labelled.Count) + (Lambda * w[j]));
            }

            b -= Rate * gradientB / labelled.Count;
        }

        var coefficients = Enumerable.Range(0, dimensions).Select(j => w[j] / std[j]).ToList();
        var model = new EvidenceModel(b - Enumerable.Range(0, dimensions).Sum(j => w[j] * mean[j] / std[j]), coefficients, EvidenceModel.Default.EmbeddingModelId);

        // The threshold with the lowest balanced error: the share of answerable questions declined plus the share of uncovered ones answered.
        var confidences = labelled.Select(l => (P: model.Confidence(FromValues(l.X)), l.Y)).ToList();
        var threshold = confidences.Select(c => c.P).Append(0).Distinct().Order()
            .Select(t => (T: t, Error: (confidences.Count(c => c.Y == 1 && c.P < t) / (double)positives) + (confidences.Count(c => c.Y == 0 && c.P >= t) / (double)negatives)))
            .OrderBy(e => e.Error).ThenBy(e => e.T)
            .First().T;
        Console.WriteLine($"Evidence model fitted on {labelled.Count} questions ({positives} answerable, {negatives} not covered)");
        if (Verbose)
        {
            foreach (var (c, x) in cases.Where(c => !c.Question.IsGerman).Select(c => (c, Evidence(c, weights))).OrderBy(p => model.Confidence(p.Item2)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model.Confidence(x):F2} {(c.Question.IsAnswerable ? "A" : "U")} [{string.Join(" ", x.Values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))}] {c.Question.Id} {c.Question.Kind}: {c.Question.Question}"));
            }
        }

        return (model, threshold);
    }

    private static AnswerEvidence Evidence(Case c, SentenceWeights weights) =>
        AnswerEvidence.Measure(QuestionTerms.Of(c.Searched), c.Passages, c.Unknown, weights);

    private static AnswerEvidence FromValues(double[] x) => new(x[0], x[1], x[2], x[3], x[4], x[5], x[6]);

    private static void Score(string label, List<Case> cases, SentenceWeights weights, EvidenceModel model, double threshold)
    {
        var composer = new ExtractiveAnswerComposer(Options.Create(new QuestionsOptions()), weights);
        var results = new List<EvalResult>();
        foreach (var c in cases)
        {
            var confident = c.Passages.Count > 0 && c.Passages.Max(p => p.Relevance) >= new QuestionsOptions().MinRelevance && model.Confidence(Evidence(c, weights)) >= threshold;
            var composed = confident ? composer.ComposeAsync(c.Typed, c.Passages, CancellationToken.None).GetAwaiter().GetResult() : null;
            var answer = composed is null
                ? new Answer(AnswerOutcomes.NotCovered, "", [], 0)
                : new Answer(AnswerOutcomes.Answered, composed.Text, composed.Citations, 0);
            results.Add(new EvalResult(c.Question, c.Passages.Select(p => p.Chunk.SourceId).Distinct().ToList(), answer));
        }

        var s = EvalScores.Of(results);
        Console.WriteLine();
        Console.WriteLine($"{label}: recall@3 {s.RecallAt3:F3}; answerable declined {s.AnswerableDeclined}/{s.Answerable}; facts stated {s.FactStated}/{s.AnsweredWithFact}; uncovered declined {s.UncoveredDeclined}/{s.Uncovered}; abstention precision {s.AbstentionPrecision:F3}");
    }

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
