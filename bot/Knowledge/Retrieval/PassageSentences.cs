using System.Text.RegularExpressions;

namespace AdoptionBot.Knowledge.Retrieval;

/// <summary>
/// How a chunk's text is cut into the sentences that answers quote: one line at a time, a table row ("Tool: X;
/// Approved for: Y.") whole with its column names, any other line at the ends of its sentences. The index embeds each
/// sentence when it writes the chunk, so a search can say how close every sentence is to the question.
/// </summary>
public static partial class PassageSentences
{
    /// <summary>The sentences of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Split(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => IsTableRow(line) ? [line] : SentenceEnd().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();

    /// <summary>What is embedded for a sentence: the sentence with the heading (or title) it stands under, for context.</summary>
    public static string EmbeddingText(KnowledgeChunk chunk, string sentence)
    {
        var context = chunk.HeadingPath.Length == 0 ? chunk.Title : chunk.HeadingPath[(chunk.HeadingPath.LastIndexOf('›') + 1)..].Trim();
        return $"{context}: {sentence}";
    }

    /// <summary>A row of a table as the readers write it: "Column: value; Column: value."</summary>
    public static bool IsTableRow(string line) =>
        line.Contains(';', StringComparison.Ordinal) && line.Contains(": ", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) < 40;

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d""(])")]
    private static partial Regex SentenceEnd();
}
