using System.Text.RegularExpressions;
using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Questions;

/// <summary>
/// The neutral topic label under which an unanswered question is published in a business unit's digest: only the
/// question's words of three letters or more that the knowledge base itself uses, in the question's order, and no number. Before that, e-mail
/// addresses, everything after a phrase that points at a person ("my manager", "my colleague", …)
/// and capitalised words inside the sentence (most likely names) are removed, so the label repeats no one's wording
/// and names nobody.
/// </summary>
public sealed partial class GapLabels(IKnowledgeSearch knowledge)
{
    private const int MaxWords = 6;

    // Shorter pieces ("re" of "re-verify", "ai") say nothing on their own.
    private const int MinWordLength = 3;

    public async Task<string> LabelAsync(string question, CancellationToken cancellationToken)
    {
        var text = PersonalPhrase().Split(question, 2)[0];
        text = Email().Replace(text, " ");
        var words = Word().Matches(text).Select(m => m.Value).Where((word, i) => i == 0 || !LooksLikeAName(word));
        var terms = QueryText.Terms(string.Join(' ', words));
        if (terms.Count == 0)
        {
            return "";
        }

        var unknown = (await knowledge.FindUnknownTermsAsync(string.Join(' ', terms), cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return string.Join(" · ", terms.Where(t => t.Length >= MinWordLength && !unknown.Contains(t) && !t.Any(char.IsDigit)).Take(MaxWords));
    }

    // Capitalised inside the sentence and not an acronym such as "AI" or "GDPR".
    private static bool LooksLikeAName(string word) => char.IsUpper(word[0]) && !word.All(c => !char.IsLetter(c) || char.IsUpper(c));

    [GeneratedRegex(@"\b(?:my|our|a|the)\s+(?:manager|boss|supervisor|team\s*lead|line\s*manager|colleague|co-?worker|direct\s+report|head\s+of)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalPhrase();

    [GeneratedRegex(@"\S+@\S+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}'-]*|\p{N}+")]
    private static partial Regex Word();
}
