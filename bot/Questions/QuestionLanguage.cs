using System.Text.RegularExpressions;

namespace AdoptionBot.Questions;

/// <summary>
/// Tells the language of a question from its function words (articles, pronouns, question words, auxiliaries), which
/// every question has whatever its topic: English unless another language's function words clearly outnumber English
/// ones. Only languages with a reply of their own are named; others read as English.
/// </summary>
public static partial class QuestionLanguage
{
    public const string English = "en";
    public const string German = "de";
    public const string French = "fr";

    private static readonly Dictionary<string, HashSet<string>> FunctionWords = new(StringComparer.Ordinal)
    {
        [English] = Set("the a an and or is are was were be been do does did i you we my your our it this that what which who whom whose when where why how can could may might must should shall will would to of in on for with from by about not no if there"),
        [German] = Set("der die das den dem des ein eine einen einem einer und oder ist sind war waren sein bin bist hat haben habe ich du wir ihr sie es mein meine meinen unser unsere dein was welche welcher welches wer wen wem wann wo warum wie wieso kann können darf dürfen muss müssen soll sollen wird werden zu zum zur von im in auf für mit bei aus nicht kein keine wenn gibt man bis nach über"),
        [French] = Set("le la les un une des et ou est sont était je tu nous vous il elle mon ma mes notre votre que qui quoi quel quelle quels quelles quand où pourquoi comment peut peux puis dois doit faut de du au aux en dans sur pour avec par pas ne si il y est-ce"),
    };

    /// <summary>The question's language code (<see cref="English"/>, <see cref="German"/> or <see cref="French"/>).</summary>
    public static string Of(string question)
    {
        var words = Word().Matches(question.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return English;
        }

        var english = words.Count(FunctionWords[English].Contains);
        var best = FunctionWords.Where(l => l.Key != English)
            .Select(l => (Language: l.Key, Count: words.Count(l.Value.Contains) + (l.Key == German && GermanLetters().IsMatch(question) ? 1 : 0) + (l.Key == French && FrenchLetters().IsMatch(question) ? 1 : 0)))
            .MaxBy(l => l.Count);
        // Words such as "in", "die" or "was" belong to two languages: another language must lead clearly, and twice.
        return best.Count >= 2 && best.Count > english + 1 ? best.Language : English;
    }

    private static HashSet<string> Set(string words) => new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}][\p{L}'-]*")]
    private static partial Regex Word();

    [GeneratedRegex("[äöüß]", RegexOptions.IgnoreCase)]
    private static partial Regex GermanLetters();

    [GeneratedRegex("[éèêàçùœ]", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchLetters();
}
