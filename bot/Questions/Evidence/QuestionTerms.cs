using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Questions.Evidence;

/// <summary>A question read once for every passage it is compared with: its content words, their stems and the kind of fact it asks for.</summary>
public sealed class QuestionTerms
{
    private static readonly string[] Suffixes = ["ational", "isation", "ization", "ising", "izing", "ation", "ments", "ment", "ities", "ity", "ings", "ing", "ers", "ies", "ise", "ize", "ed", "er", "es", "ly", "al", "e"];

    private QuestionTerms(string text, IReadOnlyList<string> terms)
    {
        Text = text;
        Terms = terms;
        Stems = terms.Select(Stem).ToHashSet(StringComparer.Ordinal);
        Asked = AskedFact.Of(text);
    }

    public string Text { get; }

    /// <summary>The content words, lower case, in order.</summary>
    public IReadOnlyList<string> Terms { get; }

    public IReadOnlySet<string> Stems { get; }

    public AskedFactKind Asked { get; }

    public static QuestionTerms Of(string question) => new(question, QueryText.Terms(question));

    /// <summary>The share of the question's stems that <paramref name="text"/> contains (0 for a question without content words).</summary>
    public double ShareIn(string text) => Compare(text).Share;

    /// <summary>
    /// How <paramref name="text"/> relates to the question's words, its words stemmed once: how many of the question's
    /// stems it holds, their share of the question's, and the share of its own words the question does not use.
    /// </summary>
    public (int Shared, double Share, double Novelty) Compare(string text)
    {
        var words = StemsOf(text);
        var shared = Stems.Count(words.Contains);
        return (
            shared,
            Stems.Count == 0 ? 0 : shared / (double)Stems.Count,
            words.Count == 0 ? 0 : words.Count(w => !Stems.Contains(w)) / (double)words.Count);
    }

    public static HashSet<string> StemsOf(string text) => QueryText.Terms(text).Select(Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>A crude English stemmer: enough to match "summarising" with "summaries" and "claims" with "claim".</summary>
    public static string Stem(string word)
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
}
