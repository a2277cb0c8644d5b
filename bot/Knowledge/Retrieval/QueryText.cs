using System.Text.RegularExpressions;

namespace AdoptionBot.Knowledge.Retrieval;

/// <summary>Splits questions into the words that carry meaning: lower case, no stop words.</summary>
public static partial class QueryText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "already", "also", "am", "an", "and", "any", "anyone", "are", "as", "at", "be", "been", "being",
        "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "get", "got", "had", "has", "have", "how", "i",
        "if", "in", "into", "is", "it", "its", "just", "may", "me", "might", "must", "my", "no", "not", "of", "on", "or", "our",
        "ours", "should", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
        "to", "too", "us", "was", "we", "were", "what", "whats", "when", "where", "which", "who", "whom", "why", "will", "with",
        "would", "you", "your", "yours", "hi", "hello", "please", "thanks", "ok", "im", "there's", "it's", "i'm", "anybody",
        "someone", "somebody", "tell", "know", "want", "need", "allowed", "let", "really",
    };

    // Contractions whose first part carries no meaning of its own: "don't", "isn't", "won't" ("not" is a stop word too).
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "haven", "hasn", "hadn", "shouldn", "couldn", "wouldn", "mustn", "won", "ain",
    };

    /// <summary>
    /// The content words of <paramref name="text"/>, lower case, in order, each once. A possessive loses its "'s"
    /// ("office's" is "office"), and a contraction of a stop word ("what's", "they're", "don't") is dropped with it.
    /// </summary>
    public static IReadOnlyList<string> Terms(string text) =>
        Word().Matches(text.ToLowerInvariant().Replace('\u2019', '\''))
            .Select(m => Content(m.Value.Trim('\'')))
            .Where(w => w.Length > 1 && !StopWords.Contains(w))
            .Distinct()
            .ToList();

    private static string Content(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal))
        {
            word = word[..^2];
        }

        var apostrophe = word.IndexOf('\'');
        if (apostrophe > 0)
        {
            var head = word[..apostrophe];
            if (StopWords.Contains(head) || Negations.Contains(head))
            {
                return "";
            }
        }

        return word;
    }

    /// <summary>An FTS5 MATCH expression that ORs the quoted terms (quoting neutralises FTS5 operators in user text).</summary>
    public static string? ToFtsQuery(string text, int maxTerms = 24)
    {
        var terms = Terms(text).Take(maxTerms).Select(t => "\"" + t.Replace("\"", "", StringComparison.Ordinal) + "\"").ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}']*")]
    private static partial Regex Word();
}
