using System.ComponentModel.DataAnnotations;
using Cronos;

namespace AdoptionBot.Digest;

/// <summary>The weekly adoption digest. Section "Digest".</summary>
public sealed class DigestOptions : IValidatableObject
{
    public const string SectionName = "Digest";

    /// <summary>When the digest goes out: a five-field cron expression in <see cref="TimeZone"/>. Default Monday 08:00.</summary>
    [Required]
    public string Schedule { get; set; } = "0 8 * * 1";

    /// <summary>The time zone of the schedule and of the digest's weeks (Monday 00:00 to Monday 00:00), an IANA or Windows id.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary>How many of the week's most frequent unanswered questions the digest lists.</summary>
    [Range(0, 20)]
    public int KnowledgeGapCount { get; set; } = 5;

    /// <summary>
    /// A business unit's digest lists an unanswered topic only when at least this many different people asked it, so
    /// that no one's question is recognisable in a team channel. The portfolio team's company-wide digest lists every one.
    /// </summary>
    [Range(2, 1000)]
    public int MinGapAskers { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TryParseSchedule(Schedule, out _))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Schedule)} '{Schedule}' is not a cron expression (five fields, e.g. \"0 8 * * 1\" for Monday 08:00).",
                [nameof(Schedule)]);
        }

        if (!TryFindTimeZone(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(TimeZone)} '{TimeZone}' is not a time zone this machine knows (e.g. \"Europe/Berlin\").",
                [nameof(TimeZone)]);
        }
    }

    /// <summary>The configured time zone; options are validated at start-up, so it resolves.</summary>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public CronExpression ParseSchedule() => CronExpression.Parse(Schedule, CronFormat.Standard);

    private static bool TryParseSchedule(string? schedule, out CronExpression? expression)
    {
        expression = null;
        return !string.IsNullOrWhiteSpace(schedule) && CronExpression.TryParse(schedule, CronFormat.Standard, out expression);
    }

    private static bool TryFindTimeZone(string? id, out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
