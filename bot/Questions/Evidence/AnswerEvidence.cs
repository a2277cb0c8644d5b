using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Questions.Evidence;

/// <summary>
/// What the passages found say about whether they answer the question, as numbers a small calibrated model weighs
/// (<see cref="EvidenceModel"/>): not only how close the best passage is, but how close its best sentence is, how
/// many of the question's words it and its passage share, whether it holds the kind of fact asked for, how many of the
/// question's words the knowledge base uses at all, and how far the best passage stands out.
/// </summary>
/// <param name="TopRelevance">Cosine of the question and the most similar passage.</param>
/// <param name="SentenceRelevance">Cosine of the question and the best sentence of the best passages.</param>
/// <param name="SentenceWordShare">Share of the question's content words in that sentence.</param>
/// <param name="PassageWordShare">The largest share of the question's content words in one of the best passages.</param>
/// <param name="KnownWordShare">Share of the question's content words the knowledge base uses anywhere.</param>
/// <param name="MissingAskedFact">1 when the question asks for a kind of fact (a number, a person, …) that none of the best sentences holds.</param>
/// <param name="Lead">How much more similar the best passage is than the next one.</param>
public sealed record AnswerEvidence(
    double TopRelevance, double SentenceRelevance, double SentenceWordShare, double PassageWordShare, double KnownWordShare, double MissingAskedFact, double Lead)
{
    // The passages and sentences the evidence is read from: the answer quotes from these.
    private const int PassagesWeighed = 3;
    private const int SentencesWeighed = 3;

    public static AnswerEvidence None { get; } = new(0, 0, 0, 0, 0, 1, 0);

    public IReadOnlyList<double> Values => [TopRelevance, SentenceRelevance, SentenceWordShare, PassageWordShare, KnownWordShare, MissingAskedFact, Lead];

    public static AnswerEvidence Measure(QuestionTerms question, IReadOnlyList<RetrievedPassage> passages, IReadOnlyList<string> unknownTerms, SentenceWeights? weights = null)
    {
        if (passages.Count == 0)
        {
            return None;
        }

        var byRelevance = passages.Select(p => p.Relevance).OrderDescending().ToList();
        var weighed = passages.OrderByDescending(p => p.Relevance).Take(PassagesWeighed).ToList();
        var sentences = weighed
            .SelectMany(p => SentenceRanking.Rank(question, p, weights).Select(s => (Sentence: s, Total: SentenceRanking.Total(s, p, weights))))
            .OrderByDescending(s => s.Total)
            .ToList();
        var best = sentences.Count == 0 ? null : sentences[0].Sentence;
        var asked = question.Asked != AskedFactKind.None && question.Asked != AskedFactKind.Permission;
        var found = sentences.Take(SentencesWeighed).Any(s => s.Sentence.HoldsAskedFact);
        var terms = question.Terms.Count;
        return new AnswerEvidence(
            byRelevance[0],
            best?.Relevance ?? 0,
            best?.WordShare ?? 0,
            weighed.Max(p => question.ShareIn($"{p.Chunk.Title} {p.Chunk.HeadingPath} {p.Chunk.Text}")),
            terms == 0 ? 0 : 1 - (Math.Min(unknownTerms.Count, terms) / (double)terms),
            asked && !found ? 1 : 0,
            byRelevance.Count > 1 ? byRelevance[0] - byRelevance[1] : byRelevance[0]);
    }
}
