using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AdoptionBot.Core;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>
/// How the portfolio office runs the programme, section "Portfolio" (beside the team's <see cref="PortfolioOptions.Admins"/>).
/// The defaults are the rules of the guideline "From idea to rollout".
/// </summary>
public sealed class PortfolioRulesOptions : IValidatableObject
{
    public const string SectionName = PortfolioOptions.SectionName;

    /// <summary>Working days within which a submitted idea gets its first answer.</summary>
    [Range(1, 60)]
    public int FirstAnswerWorkingDays { get; set; } = 5;

    /// <summary>Days off besides Saturdays and Sundays, as yyyy-MM-dd (env Portfolio__Holidays__0, …).</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>The time zone of working days and board meetings; empty: Digest:TimeZone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Up to this budget (whole euros) the programme office decides a move itself; above it the board does.</summary>
    [Range(0, long.MaxValue)]
    public long OfficeBudgetLimit { get; set; } = 40_000;

    /// <summary>Entra object ids of Legal's AI Act desk: a high-risk use case needs the sign-off of one of them.</summary>
    public List<string> LegalReviewers { get; set; } = [];

    /// <summary>A parked use case is due for review this many months after it was parked.</summary>
    [Range(1, 60)]
    public int ParkedReviewMonths { get; set; } = 6;

    public BoardScheduleOptions BoardSchedule { get; set; } = new();

    /// <summary>
    /// The entry criteria of each stage, by stage (assessment, poc, pilot, rollout). Empty: the guideline's gates
    /// (<see cref="GuidelineGates"/>). Configuring any gate replaces them all, so that no default criterion slips in unseen.
    /// </summary>
    public Dictionary<string, GateOptions> Gates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The gates in force: those configured, else the guideline's.</summary>
    public IReadOnlyDictionary<string, GateOptions> EffectiveGates => Gates.Count > 0 ? Gates : GuidelineGates.All;

    public IReadOnlySet<DateOnly> HolidayDates() =>
        Holidays.Select(h => DateOnly.TryParseExact(h?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null)
            .OfType<DateOnly>()
            .ToHashSet();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Holidays.Count; i++)
        {
            if (!DateOnly.TryParseExact(Holidays[i]?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return Error($"{nameof(Holidays)}:{i} '{Holidays[i]}' is not a date written yyyy-MM-dd (e.g. \"2026-12-24\").", nameof(Holidays));
            }
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return Error($"{nameof(TimeZone)} '{TimeZone}' is not a time zone this machine knows (e.g. \"Europe/Berlin\"); leave it empty to use Digest:TimeZone.", nameof(TimeZone));
        }

        for (var i = 0; i < LegalReviewers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(LegalReviewers[i]))
            {
                yield return Error($"{nameof(LegalReviewers)}:{i} is empty; give the Entra object id of a member of Legal's AI Act desk or remove the entry.", nameof(LegalReviewers));
            }
        }

        foreach (var problem in BoardSchedule.Problems())
        {
            yield return Error($"{nameof(BoardSchedule)}:{problem}", nameof(BoardSchedule));
        }

        foreach (var (stage, gate) in Gates)
        {
            foreach (var problem in gate.Problems(stage))
            {
                yield return Error($"{nameof(Gates)}:{stage}{problem}", nameof(Gates));
            }
        }
    }

    private static ValidationResult Error(string message, string member) => new($"{SectionName}:{message}", [member]);
}

/// <summary>When the portfolio board meets. Section "Portfolio:BoardSchedule".</summary>
public sealed class BoardScheduleOptions
{
    /// <summary>A meeting day (yyyy-MM-dd); the board meets every <see cref="EveryWeeks"/> weeks from it, before and after.</summary>
    public string FirstMeeting { get; set; } = "2026-01-13";

    public int EveryWeeks { get; set; } = 2;

    /// <summary>Papers are due this many days before the meeting (6: the Wednesday of the week before a Tuesday meeting).</summary>
    public int PapersDueDaysBefore { get; set; } = 6;

    /// <summary>The owner hears the board's decision within this many working days of the meeting.</summary>
    public int DecisionNoticeWorkingDays { get; set; } = 2;

    public DateOnly FirstMeetingDate => DateOnly.ParseExact(FirstMeeting.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal IEnumerable<string> Problems()
    {
        if (!DateOnly.TryParseExact(FirstMeeting?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return $"{nameof(FirstMeeting)} '{FirstMeeting}' is not a date written yyyy-MM-dd (e.g. \"2026-01-13\", a Tuesday).";
        }

        if (EveryWeeks is < 1 or > 12)
        {
            yield return $"{nameof(EveryWeeks)} {EveryWeeks} is not between 1 and 12.";
        }

        if (PapersDueDaysBefore is < 0 or > 60)
        {
            yield return $"{nameof(PapersDueDaysBefore)} {PapersDueDaysBefore} is not between 0 and 60.";
        }

        if (DecisionNoticeWorkingDays is < 0 or > 30)
        {
            yield return $"{nameof(DecisionNoticeWorkingDays)} {DecisionNoticeWorkingDays} is not between 0 and 30.";
        }
    }
}

/// <summary>The entry criteria of one stage and who decides the move into it.</summary>
public sealed class GateOptions
{
    /// <summary>office: the programme office decides (up to Portfolio:OfficeBudgetLimit, and never for a high-risk use case); board: always the portfolio board.</summary>
    public string DecidedBy { get; set; } = GateDeciders.Office;

    public List<GateCriterionOptions> Criteria { get; set; } = [];

    internal IEnumerable<string> Problems(string stage)
    {
        if (!GuidelineGates.Stages.Contains(stage, StringComparer.OrdinalIgnoreCase))
        {
            yield return $" is not a stage with a gate; the gates are {string.Join(", ", GuidelineGates.Stages)}.";
            yield break;
        }

        if (DecidedBy is not (GateDeciders.Office or GateDeciders.Board))
        {
            yield return $":{nameof(DecidedBy)} '{DecidedBy}' is neither \"{GateDeciders.Office}\" nor \"{GateDeciders.Board}\".";
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Criteria.Count; i++)
        {
            var criterion = Criteria[i];
            var key = $":{nameof(Criteria)}:{i}";
            if (string.IsNullOrWhiteSpace(criterion.Id) || criterion.Id.Length > 60)
            {
                yield return $"{key}:{nameof(GateCriterionOptions.Id)} is empty or longer than 60 characters; give each criterion a short id such as \"security-review\".";
            }
            else if (!ids.Add(criterion.Id))
            {
                yield return $"{key}:{nameof(GateCriterionOptions.Id)} '{criterion.Id}' is used twice in this gate.";
            }

            if (string.IsNullOrWhiteSpace(criterion.Text))
            {
                yield return $"{key}:{nameof(GateCriterionOptions.Text)} is empty; say what has to be true, as the missing-items card shows it.";
            }

            if (criterion.Check is { } check && !GateChecks.All.Contains(check))
            {
                yield return $"{key}:{nameof(GateCriterionOptions.Check)} '{check}' is not a check the bot can make; the checks are {string.Join(", ", GateChecks.All)}.";
            }

            if (criterion.Check is null && !GateTickers.All.Contains(criterion.TickedBy))
            {
                yield return $"{key}:{nameof(GateCriterionOptions.TickedBy)} '{criterion.TickedBy}' is none of {string.Join(", ", GateTickers.All)}.";
            }

            if (criterion.When is { } when && when != GateConditions.PersonalData)
            {
                yield return $"{key}:{nameof(GateCriterionOptions.When)} '{when}' is not a condition the bot knows; the only one is \"{GateConditions.PersonalData}\".";
            }
        }
    }
}

/// <summary>One entry criterion of a gate: ticked by a person, or checked by the bot from what the portfolio records.</summary>
public sealed class GateCriterionOptions
{
    public string Id { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>Who may tick it: office (the portfolio team), legal (Portfolio:LegalReviewers) or owner (the business owner or submitter, and the office).</summary>
    public string TickedBy { get; set; } = GateTickers.Office;

    /// <summary>Instead of a tick, the bot checks it: <see cref="GateChecks"/>.</summary>
    public string? Check { get; set; }

    /// <summary>Only where this holds: personal-data (the use case processes personal or employee data).</summary>
    public string? When { get; set; }
}

public static class GateDeciders
{
    public const string Office = "office";
    public const string Board = "board";
}

public static class GateTickers
{
    public const string Office = "office";
    public const string Legal = "legal";
    public const string Owner = "owner";

    public static readonly IReadOnlyList<string> All = [Office, Legal, Owner];

    public static string DisplayName(string ticker) => ticker switch
    {
        Legal => "Legal (AI Act desk)",
        Owner => "the business owner or the portfolio office",
        _ => "the portfolio office",
    };
}

/// <summary>What the bot checks itself from the portfolio's records.</summary>
public static class GateChecks
{
    public const string BusinessOwner = "business-owner";
    public const string ChampionOrAnalyst = "champion-or-analyst";
    public const string Assessment = "assessment";
    public const string SuccessCriteria = "success-criteria";
    public const string Screening = "screening";
    public const string NotProhibited = "not-prohibited";

    public static readonly IReadOnlyList<string> All = [BusinessOwner, ChampionOrAnalyst, Assessment, SuccessCriteria, Screening, NotProhibited];
}

public static class GateConditions
{
    public const string PersonalData = "personal-data";
}
