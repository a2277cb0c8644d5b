using System.Text;
using System.Text.RegularExpressions;
using AdoptionBot.Core;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// The embedded default composer: no language model. From each of the best passages it picks the sentences or
/// table rows that share the most (stemmed) words with the question, keeps them short, and marks each with the
/// number of its source. A use case is quoted as its one-line summary with business unit, stage and owner.
/// </summary>
public sealed partial class ExtractiveAnswerComposer(IOptions<QuestionsOptions> options) : IAnswerComposer
{
    private const int MaxSentenceChars = 320;
    private const int MaxAnswerChars = 900;
    private const double SecondarySourceRatio = 0.8;
    private const int SecondaryMinSharedWords = 2;
    private const double DanglingStartPenalty = 0.5;
    private static readonly string[] DanglingStarts = ["This ", "That ", "These ", "Those ", "It ", "They ", "Such ", "Then ", "Also ", "However "];

    public Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken)
    {
        var stems = QuestionStems(question);
        // Secondary sources must be nearly as relevant as the best one, so an answer does not trail off into loosely related text.
        var bestRelevance = passages.Count == 0 ? 0 : passages.Max(p => p.Relevance);
        var picked = passages
            .Where((p, i) => i == 0 || p.Relevance >= bestRelevance * SecondarySourceRatio)
            .Take(options.Value.MaxCitations)
            .ToList();
        if (picked.Count == 0)
        {
            return Task.FromResult<ComposedAnswer?>(null);
        }

        var citations = new List<Citation>();
        var lines = new List<string>();
        var useCasesOnly = picked.All(p => p.Chunk.Kind != SourceKind.Guideline);
        var length = 0;
        foreach (var passage in picked)
        {
            var number = citations.Count + 1;
            var sentences = passage.Chunk.Kind == SourceKind.Guideline
                ? BestSentences(passage.Chunk.Text, stems, citations.Count == 0 ? 2 : 1, primary: citations.Count == 0)
                : [UseCaseLine(passage.Chunk)];
            var text = string.Join(' ', sentences);
            if (text.Length == 0 || (citations.Count > 0 && length + text.Length > MaxAnswerChars))
            {
                continue;
            }

            citations.Add(new Citation(number, passage.Chunk, sentences[0]));
            lines.Add($"{text} [{number}]");
            length += text.Length;
        }

        if (citations.Count == 0)
        {
            return Task.FromResult<ComposedAnswer?>(null);
        }

        // One paragraph per source: Teams turns an [n] marker into a citation pill only inside a paragraph, not in a list item.
        var answer = new StringBuilder();
        if (useCasesOnly)
        {
            answer.Append(citations.Count == 1 ? "This use case in the catalogue matches:\n\n" : "These use cases in the catalogue match:\n\n");
        }

        answer.AppendJoin("\n\n", lines);
        return Task.FromResult<ComposedAnswer?>(new ComposedAnswer(answer.ToString(), citations));
    }

    /// <summary>The stemmed content words of a question, as the sentence scoring compares them.</summary>
    internal static HashSet<string> QuestionStems(string question) =>
        QueryText.Terms(question).Select(Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>The <paramref name="count"/> best-matching sentences of a passage, in their original order.</summary>
    /// <param name="primary">
    /// True for the best passage: when no sentence shares a word with the question, its opening sentences are taken
    /// (it was found by meaning). False for a secondary passage: a sentence must share at least two of the question's
    /// words (one for a one-word question) and must not lean on a sentence before it ("It ..."), else the passage adds nothing.
    /// </param>
    internal static IReadOnlyList<string> BestSentences(string text, IReadOnlySet<string> questionStems, int count, bool primary = true)
    {
        var sentences = Sentences(text).ToList();
        if (sentences.Count == 0)
        {
            return [];
        }

        var scored = sentences
            .Select((s, i) => (Sentence: s, Index: i, Score: Score(s, questionStems)))
            .Where(s => primary || (SharedWords(s.Sentence, questionStems) >= Math.Min(SecondaryMinSharedWords, questionStems.Count) && !IsDangling(s.Sentence)))
            .ToList();
        if (!primary)
        {
            return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index).Take(count).OrderBy(s => s.Index).Select(s => Shorten(s.Sentence)).ToList();
        }

        if (scored.All(s => s.Score == 0))
        {
            // The passage was found by meaning, not by shared words: its opening sentences carry its point.
            return sentences.Take(count).Select(Shorten).ToList();
        }

        return scored
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Index)
            .Take(count)
            .OrderBy(s => s.Index)
            .Select(s => Shorten(s.Sentence))
            .ToList();
    }

    internal static IEnumerable<string> Sentences(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => IsTableRow(line) ? [line] : SentenceEnd().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);

    private static bool IsDangling(string sentence) => DanglingStarts.Any(d => sentence.StartsWith(d, StringComparison.Ordinal));

    private static int SharedWords(string sentence, IReadOnlySet<string> questionStems) =>
        QueryText.Terms(sentence).Select(Stem).Distinct().Count(questionStems.Contains);

    private static double Score(string sentence, IReadOnlySet<string> questionStems)
    {
        var words = QueryText.Terms(sentence).Select(Stem).ToHashSet(StringComparer.Ordinal);
        var shared = words.Count(questionStems.Contains);
        // Shared words count most; among equals, prefer sentences that are not padded with unrelated words, and
        // sentences that stand on their own over ones that lean on the sentence before ("This is the preferred mode").
        var score = shared == 0 ? 0 : shared + (shared / Math.Sqrt(words.Count + 1));
        return IsDangling(sentence) ? score * DanglingStartPenalty : score;
    }

    private static string UseCaseLine(KnowledgeChunk chunk)
    {
        var firstLine = chunk.Text.Split('\n', 2)[0];
        var summary = firstLine.Contains(": ", StringComparison.Ordinal) ? firstLine[(firstLine.IndexOf(": ", StringComparison.Ordinal) + 2)..] : firstLine;
        var owner = chunk.Owner;
        var facts = string.Join(", ", new[] { chunk.BusinessUnit, PipelineStages.DisplayName(chunk.Stage), owner is null ? null : "owner " + owner }.Where(f => !string.IsNullOrWhiteSpace(f)));
        return $"**{chunk.Title}** ({facts}): {Shorten(summary)}";
    }

    private static bool IsTableRow(string line) => line.Count(c => c == ';') >= 1 && line.Contains(": ", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) < 40;

    private static string Shorten(string sentence) => TextCut.Excerpt(sentence, MaxSentenceChars, atWord: true);

    /// <summary>A crude English stemmer: enough to match "summarising" with "summaries" and "claims" with "claim".</summary>
    internal static string Stem(string word)
    {
        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
    }

    private static readonly string[] Suffixes = ["ational", "isation", "ization", "ising", "izing", "ation", "ments", "ment", "ities", "ity", "ings", "ing", "ers", "ies", "ise", "ize", "ed", "er", "es", "ly", "al", "e"];

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d""(])")]
    private static partial Regex SentenceEnd();
}
