using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Questions.FollowUps;

/// <summary>
/// Makes a follow-up question ("and who pays for the pilot?", "what about images?") searchable on its own by adding
/// the content words of the asker's previous questions. A question that names its own topic is left as it is.
/// </summary>
public static class FollowUpRewriter
{
    private const int MaxAddedTerms = 8;

    // Openings that lean on what was said before.
    private static readonly string[] Openings =
    [
        "and ", "but ", "also ", "so ", "then ", "what about ", "how about ", "same for ", "what if ", "and if ", "or ",
    ];

    // Words that point back at something named earlier.
    private static readonly HashSet<string> PointingWords = new(StringComparer.Ordinal)
    {
        "it", "its", "it's", "that", "this", "these", "those", "they", "them", "their", "there", "he", "she", "him", "her",
        "one", "ones", "same",
    };

    /// <summary>True when the question reads as a continuation of the conversation rather than a question of its own.</summary>
    public static bool IsFollowUp(string question)
    {
        var text = question.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return false;
        }

        if (Openings.Any(text.StartsWith))
        {
            return true;
        }

        var terms = QueryText.Terms(text);
        if (terms.Count <= 1)
        {
            return true;
        }

        var words = text.Split([' ', ',', '?', '!', '.', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
        return terms.Count <= 3 && words.Any(PointingWords.Contains);
    }

    /// <summary>
    /// The text to search with: the question itself, or, for a follow-up, the question followed by the content words
    /// of the previous questions (newest first) it does not already contain.
    /// </summary>
    public static string Rewrite(string question, IReadOnlyList<string> previousQuestions)
    {
        if (previousQuestions.Count == 0 || !IsFollowUp(question))
        {
            return question;
        }

        var own = QueryText.Terms(question).ToHashSet(StringComparer.Ordinal);
        var added = previousQuestions
            .SelectMany(QueryText.Terms)
            .Where(own.Add)
            .Take(MaxAddedTerms)
            .ToList();
        return added.Count == 0 ? question : $"{question.TrimEnd()} ({string.Join(' ', added)})";
    }
}
