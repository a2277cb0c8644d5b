using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Questions.Evidence;

/// <summary>One sentence of a passage, scored for a question.</summary>
/// <param name="Index">Its position among the passage's sentences.</param>
/// <param name="Relevance">Cosine similarity of its embedding to the question's (0 when the index holds none).</param>
/// <param name="WordShare">The share of the question's content words it contains.</param>
/// <param name="SharedWords">How many of the question's content words it contains.</param>
/// <param name="HoldsAskedFact">It holds a fact of the kind the question asks for (a number for "how many", …).</param>
public sealed record RankedSentence(int Index, string Text, double Score, double Relevance, double WordShare, int SharedWords, bool HoldsAskedFact);

/// <summary>
/// How sentences are weighed (<see cref="SentenceRanking"/>) and how many sources an extracted answer quotes
/// (<see cref="ExtractiveAnswerComposer"/>). The defaults were calibrated on one evaluation world and are reported on
/// the other (docs/benchmarks.md); nothing here names a word of either.
/// </summary>
/// <param name="WordShare">Weight of the share of the question's words a sentence contains, beside its cosine.</param>
/// <param name="AskedFact">Added when a sentence holds the kind of fact asked for.</param>
/// <param name="Leaning">Taken off a sentence that leans on the one before ("This …"); quoted, it comes with that one.</param>
/// <param name="Novelty">Weight of the share of a sentence's words the question does not use, for a sentence that shares some: an answer adds something, an echo does not.</param>
/// <param name="Passage">Weight of the passage's relevance when sentences of several passages compete.</param>
/// <param name="SecondarySentence">Another source is quoted when its best sentence scores this share of the best one…</param>
/// <param name="SecondarySource">…and its passage is this share as relevant as the most relevant one (which any leading passage must be too).</param>
/// <param name="SecondSentence">Another sentence of the leading passage is quoted when it scores this share of the best…</param>
/// <param name="LeadSentences">…up to this many sentences from the leading passage.</param>
public sealed record SentenceWeights(
    double WordShare, double AskedFact, double Leaning, double Novelty, double Passage, double SecondarySentence, double SecondarySource, double SecondSentence, int LeadSentences)
{
    public static SentenceWeights Default { get; } = new(0.2, 0.7, 0.0, 0.2, 0.5, 0.85, 0.6, 0.6, 2);
}

/// <summary>
/// Ranks a passage's sentences for a question by meaning (the sentence embeddings the index stored), by the
/// question's words they share, and by whether they hold the kind of fact asked for; a sentence that leans on the one
/// before it ("This …") counts for less.
/// </summary>
public static class SentenceRanking
{
    // Openings that lean on the sentence before, so the sentence says little when quoted alone.
    private static readonly string[] LeaningStarts = ["This ", "That ", "These ", "Those ", "It ", "They ", "Such ", "Then ", "Also ", "However "];

    public static IReadOnlyList<RankedSentence> Rank(QuestionTerms question, RetrievedPassage passage, SentenceWeights? weights = null)
    {
        var w = weights ?? SentenceWeights.Default;
        var sentences = PassageSentences.Split(passage.Chunk.Text);
        var relevance = passage.SentenceRelevance.Count == sentences.Count ? passage.SentenceRelevance : null;
        var ranked = new List<RankedSentence>(sentences.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            var text = sentences[i];
            var cosine = relevance?[i] ?? 0;
            var (shared, share, added) = question.Compare(text);
            var holds = question.Asked != AskedFactKind.None && AskedFact.Holds(question.Asked, text, question.Stems);
            var missing = question.Asked is not AskedFactKind.None and not AskedFactKind.Permission && !holds;
            // What a sentence adds beyond the question's words counts only once it shares some of them: else it is simply another topic.
            var novelty = shared > 0 ? added : 0;
            var score = cosine + (w.WordShare * share) + (w.Novelty * novelty) - (missing ? w.AskedFact : 0) - (LeansOnThePrevious(text) ? w.Leaning : 0);
            ranked.Add(new RankedSentence(i, text, score, cosine, share, shared, holds));
        }

        return ranked;
    }

    /// <summary>A sentence's score when it competes with the sentences of other passages: its own, plus its passage's relevance.</summary>
    public static double Total(RankedSentence sentence, RetrievedPassage passage, SentenceWeights? weights = null) =>
        sentence.Score + ((weights ?? SentenceWeights.Default).Passage * passage.Relevance);

    public static bool LeansOnThePrevious(string sentence) => LeaningStarts.Any(s => sentence.StartsWith(s, StringComparison.Ordinal));
}
