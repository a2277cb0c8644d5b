using System.Globalization;
using System.Text.RegularExpressions;

namespace AdoptionBot.AI;

/// <summary>
/// Reads the citations in a model's answer: markers [n], [n][m] and [n, m] that refer to the numbered passages. Keeps
/// only numbers of passages that exist, renumbers them 1, 2, ... in order of first use, and rewrites the markers so
/// the text matches the citation entity Teams shows.
/// </summary>
public static partial class CitedAnswer
{
    /// <summary>What the prompt tells the model to write when the passages do not answer the question.</summary>
    public const string NotCoveredReply = "NOT COVERED";

    /// <summary>The rewritten text and, for each new number (index + 1), the 1-based number of the passage it cites.</summary>
    public sealed record Result(string Text, IReadOnlyList<int> PassageNumbers);

    /// <summary>Null when the model said the passages do not cover the question, or cited none of them.</summary>
    public static Result? Parse(string answer, int passageCount)
    {
        var text = answer.Trim();
        if (text.Length == 0 || SaysNotCovered(text))
        {
            return null;
        }

        var renumbered = new Dictionary<int, int>();
        var rewritten = Marker().Replace(text, match =>
        {
            var markers = match.Groups["numbers"].Value
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0)
                .Where(n => n >= 1 && n <= passageCount)
                .Distinct()
                .Select(n => renumbered.TryGetValue(n, out var existing) ? existing : renumbered[n] = renumbered.Count + 1)
                .Select(n => string.Create(CultureInfo.InvariantCulture, $"[{n}]"));
            return string.Concat(markers);
        });

        if (renumbered.Count == 0)
        {
            return null;
        }

        var passages = renumbered.OrderBy(p => p.Value).Select(p => p.Key).ToList();
        return new Result(SpaceBeforeDot().Replace(rewritten, "$1"), passages);
    }

    /// <summary>True when the model answered with the not-covered reply rather than an answer.</summary>
    public static bool SaysNotCovered(string answer) =>
        answer.TrimStart('*', '_', ' ', '"').StartsWith(NotCoveredReply, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\[(?<numbers>\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex Marker();

    // A marker dropped because it cited nothing valid leaves "word ." behind.
    [GeneratedRegex(@" +([.,;:])")]
    private static partial Regex SpaceBeforeDot();
}
