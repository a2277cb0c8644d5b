using System.Text.RegularExpressions;

namespace AdoptionBot.Questions.Evidence;

/// <summary>The kind of fact a question asks for, read from its question words.</summary>
public enum AskedFactKind
{
    /// <summary>Nothing in particular: an explanation, a list, a description.</summary>
    None,

    /// <summary>"how many", "maximum", "limit": a number.</summary>
    Number,

    /// <summary>"how much … cost", "price", "budget": an amount of money.</summary>
    Money,

    /// <summary>"how long", "how soon", "how quickly": a duration.</summary>
    Duration,

    /// <summary>"how often": an interval or a recurring day.</summary>
    Frequency,

    /// <summary>"when", "by when", "what date": a date, a day or a deadline.</summary>
    Time,

    /// <summary>"who", "whom", "whose": a person, a role or a team.</summary>
    Person,

    /// <summary>"can I", "may we", "is it allowed": a rule.</summary>
    Permission,
}

/// <summary>
/// Reads which kind of fact an English question asks for, and whether a sentence holds a fact of that kind. The
/// words are English question words and the shapes facts take (numbers, units, currencies, weekdays, names), not
/// the vocabulary of any knowledge base.
/// </summary>
public static partial class AskedFact
{
    public static AskedFactKind Of(string question)
    {
        var q = " " + Spaces().Replace(question.ToLowerInvariant(), " ").Trim() + " ";
        if (HowOften().IsMatch(q))
        {
            return AskedFactKind.Frequency;
        }

        if (HowLong().IsMatch(q))
        {
            return AskedFactKind.Duration;
        }

        if (WhoFirst().IsMatch(q))
        {
            return AskedFactKind.Person;
        }

        if (MoneyWords().IsMatch(q))
        {
            return AskedFactKind.Money;
        }

        if (HowMany().IsMatch(q))
        {
            return AskedFactKind.Number;
        }

        if (When().IsMatch(q))
        {
            return AskedFactKind.Time;
        }

        if (Who().IsMatch(q))
        {
            return AskedFactKind.Person;
        }

        return Permission().IsMatch(q) ? AskedFactKind.Permission : AskedFactKind.None;
    }

    /// <summary>
    /// True when <paramref name="sentence"/> holds a fact of the kind asked for (always for <see cref="AskedFactKind.None"/>)
    /// that the question does not already name: a sentence that only repeats the question's own "board" or "30" holds no answer.
    /// </summary>
    public static bool Holds(AskedFactKind kind, string sentence, IReadOnlySet<string>? questionStems = null)
    {
        IEnumerable<Match> matches = kind switch
        {
            AskedFactKind.Number => NumberFact().Matches(sentence),
            AskedFactKind.Money => MoneyFact().Matches(sentence),
            AskedFactKind.Duration => DurationFact().Matches(sentence),
            AskedFactKind.Frequency => FrequencyFact().Matches(sentence),
            AskedFactKind.Time => DurationFact().Matches(sentence).Concat(DateFact().Matches(sentence)).Concat(FrequencyFact().Matches(sentence)),
            AskedFactKind.Person => PersonFact().Matches(sentence).Concat(RoleFact().Matches(sentence)),
            AskedFactKind.Permission => RuleFact().Matches(sentence),
            _ => [],
        };
        return kind == AskedFactKind.None || matches.Any(m => questionStems is null || IsNew(m.Value, questionStems));
    }

    // A match is new when one of its words is not among the question's (numbers and symbols count as words).
    private static bool IsNew(string match, IReadOnlySet<string> questionStems)
    {
        var words = Word().Matches(match.ToLowerInvariant()).Select(w => QuestionTerms.Stem(w.Value)).ToList();
        return words.Count == 0 || words.Any(w => !questionStems.Contains(w));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bhow (often|frequently|regularly)\b|\b(interval|frequency|rhythm)\b")]
    private static partial Regex HowOften();

    [GeneratedRegex(@"\bhow (long|soon|quickly|fast|many (days|weeks|months|hours|minutes|years))\b|\b(duration|turnaround)\b")]
    private static partial Regex HowLong();

    [GeneratedRegex(@"\b(cost|costs|costing|price|prices|priced|fee|fees|charge|charged|budget|budgets|spend|spent|funding|funded|pay|paid|pays|paying|euros?|dollars?|money|expensive|cheap)\b")]
    private static partial Regex MoneyWords();

    [GeneratedRegex(@"\bhow (many|much|big|large|small|high|low|far)\b|\b(maximum|minimum|max|min|limit|limits|at most|at least|up to|percentage|percent|number of|amount of|size|what (share|proportion|fraction|ratio|rate))\b")]
    private static partial Regex HowMany();

    [GeneratedRegex(@"^\s*(when|by when|until when|since when)\b|\b(what|which) (time|day|date|weekday|month|year)\b|\bdeadline\b")]
    private static partial Regex When();

    [GeneratedRegex(@"^\s*(who|whom|whose|who's|whos)\b")]
    private static partial Regex WhoFirst();

    [GeneratedRegex(@"\b(who|whom|whose) (is|are|do|does|should|can|will|decides|approves|signs|owns|pays|handles|chairs|leads|runs)\b|\bwhich (person|team|department|role|office|unit)\b|\bcontact person\b")]
    private static partial Regex Who();

    [GeneratedRegex(@"^\s*(can|may|could|must|should|is it|are we|am i|do i|do we|does|is|are)\b|\b(allowed|permitted|forbidden|prohibited|ok to|okay to)\b")]
    private static partial Regex Permission();

    [GeneratedRegex(@"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|dozen|once|twice|half|single|double)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberFact();

    [GeneratedRegex(@"(€|\$|£|\b(EUR|USD|GBP|CHF|euros?|dollars?|pounds)\b)|\b(free of charge|no cost|at no charge|no charge|costs nothing|free)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyFact();

    [GeneratedRegex(@"(\d+|\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|few|several))[\s-]*(\w+[\s-]+)?(seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?)\b|\b(immediately|same day|overnight|right away|at once|without delay|as soon as)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationFact();

    [GeneratedRegex(@"\b(every|each|daily|weekly|monthly|quarterly|annually|yearly|fortnightly|biweekly|bimonthly|twice|once a|once per|per (day|week|month|quarter|year)|a (day|week|month|quarter|year)|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrequencyFact();

    [GeneratedRegex(@"\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b\d{1,2}:\d{2}\b|\b(19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(within|before|after|by the end|at the latest|no later than|until|deadline)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateFact();

    // Two capitalised words in a row (a name), or an e-mail address.
    [GeneratedRegex(@"\b\p{Lu}\p{Ll}+\.?\s+(\p{Lu}\.\s+)?\p{Lu}\p{Ll}+(-\p{Lu}\p{Ll}+)?\b|[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex PersonFact();

    [GeneratedRegex(@"\b(office|team|board|officer|owner|manager|head|lead|committee|department|desk|council|champion|administrator|coordinator|sponsor|chair|chairs|director|panel|function|expert|experts|specialist|representative|steward|approver|approves|decides|responsible|accountable|person|people|employee|employees|staff|human|humans|colleague|colleagues|member|members|someone|everyone|nobody)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoleFact();

    [GeneratedRegex(@"\b(may|must|never|only|not|no|allowed|permitted|forbidden|prohibited|required|requires|can|cannot|can't|should|shall|need|needs|approved|always)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RuleFact();
}
