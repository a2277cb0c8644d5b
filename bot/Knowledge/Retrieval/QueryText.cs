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

    public static IReadOnlyList<string> Terms(string text) =>
        Word().Matches(text.ToLowerInvariant())
            .Select(m => m.Value.Trim('\''))
            .Where(w => w.Length > 1 && !StopWords.Contains(w))
            .Distinct()
            .ToList();

    /// <summary>An FTS5 MATCH expression that ORs the quoted terms (quoting neutralises FTS5 operators in user text).</summary>
    public static string? ToFtsQuery(string text, int maxTerms = 24)
    {
        var terms = Terms(text).Take(maxTerms).Select(t => "\"" + t.Replace("\"", "", StringComparison.Ordinal) + "\"").ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}']*")]
    private static partial Regex Word();
}
