using System.Text;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions.Evidence;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// The embedded default composer: no language model. It scores every sentence and table row of the passages found
/// (<see cref="SentenceRanking"/>: close in meaning to the question, sharing its words, holding the kind of fact it
/// asks for, in a passage that ranked well), leads with the passage of the best one, adds other passages whose best
/// sentence comes close, keeps each quote short and marks it with the number of its source. A use case is quoted with
/// its title, business unit, stage and owner and the sentence of its entry that answers best (its summary, or a line
/// such as its benefit).
/// </summary>
public sealed class ExtractiveAnswerComposer(IOptions<QuestionsOptions> options) : IAnswerComposer
{
    /// <summary>The composer with other weights, for calibrating them (the evaluation's calibrate command).</summary>
    internal ExtractiveAnswerComposer(IOptions<QuestionsOptions> options, SentenceWeights weights)
        : this(options) => _weights = weights;

    private readonly SentenceWeights _weights = SentenceWeights.Default;

    private const int MaxSentenceChars = 320;
    private const int MaxUseCaseSummaryChars = 200;
    private const int MaxAnswerChars = 900;
    private const int SecondaryMinSharedWords = 2;

    // Passages ranked below these are not quoted: the best sentence's passage must lead the answer it gives.
    private const int MaxCandidatePassages = 6;

    // The lines of a use case's entry that its heading line already shows.
    private static readonly string[] UseCaseHeadingFacts = ["Business unit: ", "Stage: ", "Owner: "];

    public Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken)
    {
        var terms = QuestionTerms.Of(question);
        // Only a passage nearly as relevant as the best may lead or be quoted.
        var floor = passages.Count == 0 ? 0 : passages.Max(p => p.Relevance) * _weights.SecondarySource;
        var candidates = passages
            .Take(MaxCandidatePassages)
            .Where(p => p.Relevance >= floor)
            .Select(p => (Passage: p, Sentences: Quotable(SentenceRanking.Rank(terms, p, _weights), p)))
            .Where(c => c.Sentences.Count > 0)
            .Select(c => (c.Passage, c.Sentences, Best: c.Sentences.Max(s => SentenceRanking.Total(s, c.Passage, _weights))))
            .OrderByDescending(c => c.Best)
            .ToList();
        if (candidates.Count == 0)
        {
            return Task.FromResult<ComposedAnswer?>(null);
        }

        // A question that names an identifier ("rule R-077", "UC-101") is answered from the passages that name it too, when any does.
        var identifiers = terms.Terms.Where(t => t.Any(char.IsDigit)).ToHashSet(StringComparer.Ordinal);
        if (identifiers.Count > 0)
        {
            var naming = candidates.Where(c => QueryText.Terms($"{c.Passage.Chunk.Title} {c.Passage.Chunk.HeadingPath} {c.Passage.Chunk.Text}").Any(identifiers.Contains)).ToList();
            if (naming.Count > 0)
            {
                candidates = naming;
            }
        }

        var lead = candidates[0];
        var picked = candidates
            .Where((c, i) => i == 0 || c.Best >= lead.Best * _weights.SecondarySentence)
            .DistinctBy(c => c.Passage.Chunk.ChunkKey)
            .Take(options.Value.MaxCitations)
            .ToList();

        var citations = new List<Citation>();
        var lines = new List<string>();
        var length = 0;
        foreach (var (passage, sentences, _) in picked)
        {
            var number = citations.Count + 1;
            var quoted = passage.Chunk.IsSection
                ? GuidelineQuote(terms, sentences, lead: citations.Count == 0)
                : [UseCaseQuote(sentences, passage)];
            if (passage.Chunk.IsWrittenInTeams && passage.Chunk.IsSection)
            {
                // An FAQ entry's answer is what an expert typed: quoted to others as text, never as Markdown.
                quoted = [.. quoted.Select(CardText.Plain)];
            }

            var text = string.Join(' ', quoted);
            if (text.Length == 0 || (citations.Count > 0 && length + text.Length > MaxAnswerChars))
            {
                continue;
            }

            citations.Add(new Citation(number, passage.Chunk, quoted[0]));
            lines.Add($"{text} [{number}]");
            length += text.Length;
        }

        // One paragraph per source: Teams turns an [n] marker into a citation pill only inside a paragraph, not in a list item.
        var answer = new StringBuilder();
        if (citations.All(c => !c.Chunk.IsSection))
        {
            answer.Append(citations.Count == 1 ? "This use case in the catalogue matches:\n\n" : "These use cases in the catalogue match:\n\n");
        }

        answer.AppendJoin("\n\n", lines);
        return Task.FromResult<ComposedAnswer?>(new ComposedAnswer(answer.ToString(), citations));
    }

    /// <summary>The sentence of a passage that answers the question best (for a citation's excerpt).</summary>
    public static string BestSentence(string question, RetrievedPassage passage)
    {
        var ranked = SentenceRanking.Rank(QuestionTerms.Of(question), passage);
        return ranked.Count == 0 ? passage.Chunk.Text : Shorten(ranked.MaxBy(s => s.Score)!.Text);
    }

    /// <summary>The sentences worth quoting: for a use case not the lines its heading already shows.</summary>
    private static List<RankedSentence> Quotable(IReadOnlyList<RankedSentence> ranked, RetrievedPassage passage) =>
        passage.Chunk.IsSection
            ? [.. ranked]
            : [.. ranked.Where(s => !UseCaseHeadingFacts.Any(f => s.Text.StartsWith(f, StringComparison.Ordinal)))];

    /// <summary>
    /// The best sentences of a guideline passage, in their original order: for the leading passage the best and,
    /// when it comes close, the next best (or its opening sentences when nothing relates any sentence to the question:
    /// it was found as a whole); for another passage its best sentence.
    /// </summary>
    private IReadOnlyList<string> GuidelineQuote(QuestionTerms terms, List<RankedSentence> ranked, bool lead)
    {
        if (lead && ranked.All(s => s.Relevance == 0 && s.WordShare == 0))
        {
            return ranked.Take(2).Select(s => Shorten(s.Text)).ToList();
        }

        // A passage's first sentence cannot lean on one before it that the passage does not hold ("This is …").
        if (ranked.Count > 1)
        {
            ranked = [.. ranked.Where(s => !(s.Index == 0 && SentenceRanking.LeansOnThePrevious(s.Text)))];
        }

        if (!lead)
        {
            // Another source adds a sentence only when it shares at least two of the question's words (one for a
            // one-word question) and stands on its own: else the answer trails off into loosely related text.
            ranked = [.. ranked.Where(s => s.SharedWords >= Math.Min(SecondaryMinSharedWords, terms.Stems.Count) && !SentenceRanking.LeansOnThePrevious(s.Text))];
            if (ranked.Count == 0)
            {
                return [];
            }
        }

        var ordered = ranked.OrderByDescending(s => s.Score).ThenBy(s => s.Index).ToList();
        var chosen = ordered
            .Take(lead ? _weights.LeadSentences : 1)
            .Where((s, i) => i == 0 || (s.Score > 0 && s.Score >= ordered[0].Score * _weights.SecondSentence))
            .ToList();
        // A sentence that leans on the one before ("It is chaired by …") is quoted with that one, so it reads on its own.
        var leanedOn = chosen
            .Where(s => SentenceRanking.LeansOnThePrevious(s.Text))
            .Select(s => ranked.FirstOrDefault(r => r.Index == s.Index - 1))
            .OfType<RankedSentence>();
        return chosen.Concat(leanedOn)
            .DistinctBy(s => s.Index)
            .OrderBy(s => s.Index)
            .Select(s => Shorten(s.Text))
            .ToList();
    }

    /// <summary>"**UC-101 — Title** (unit, stage, owner): " and the summary's first sentence, then the best sentence when it is another.</summary>
    private static string UseCaseQuote(List<RankedSentence> ranked, RetrievedPassage passage)
    {
        var chunk = passage.Chunk;
        var best = ranked.OrderByDescending(s => s.Score).ThenBy(s => s.Index).First();
        var first = WithoutIdAndTitle(ranked.MinBy(s => s.Index)!.Text);
        var quote = best.Index == ranked.Min(s => s.Index)
            ? TextCut.Excerpt(first, MaxSentenceChars, atWord: true)
            : TextCut.Excerpt(first, MaxUseCaseSummaryChars, atWord: true) + " " + Shorten(best.Text);
        var owner = chunk.Owner;
        var facts = string.Join(", ", new[] { chunk.BusinessUnit, PipelineStages.DisplayName(chunk.Stage), owner is null ? null : "owner " + owner }.Where(f => !string.IsNullOrWhiteSpace(f)));
        // An idea in the catalogue is what its submitter typed (title, problem, their name): quoted to others as text, never as Markdown.
        return chunk.IsWrittenInTeams
            ? $"**{CardText.Plain(chunk.Title)}** ({CardText.Plain(facts)}): {CardText.Plain(quote)}"
            : $"**{chunk.Title}** ({facts}): {quote}";
    }

    // A use case's first line reads "UC-101 Title: summary".
    private static string WithoutIdAndTitle(string firstSentence)
    {
        var colon = firstSentence.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? firstSentence : firstSentence[(colon + 2)..];
    }

    private static string Shorten(string sentence) => TextCut.Excerpt(sentence, MaxSentenceChars, atWord: true);
}
