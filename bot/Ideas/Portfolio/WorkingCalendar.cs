using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>
/// Working days (Monday to Friday, without Portfolio:Holidays) and the board's meeting days, in the programme's time
/// zone (Portfolio:TimeZone, else Digest:TimeZone).
/// </summary>
public sealed class WorkingCalendar(IOptions<PortfolioRulesOptions> options) : Core.IWorkingCalendar
{
    private readonly IReadOnlySet<DateOnly> _holidays = options.Value.HolidayDates();
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(options.Value.TimeZone) ? "UTC" : options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone));

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The working day <paramref name="days"/> working days after <paramref name="from"/> (the day itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var day = from;
        for (var added = 0; added < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                added++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first board meeting on or after <paramref name="day"/>.</summary>
    public DateOnly NextMeetingOnOrAfter(DateOnly day)
    {
        var schedule = options.Value.BoardSchedule;
        var first = schedule.FirstMeetingDate;
        var period = schedule.EveryWeeks * 7;
        var offset = day.DayNumber - first.DayNumber;
        var periods = offset <= 0 ? -((-offset) / period) : (offset + period - 1) / period;
        return first.AddDays(periods * period);
    }

    /// <summary>
    /// The meeting a move queued on <paramref name="day"/> goes to: the next one whose papers are not yet due (papers are
    /// due Portfolio:BoardSchedule:PapersDueDaysBefore days before it), and when they are, the one after.
    /// </summary>
    public DateOnly MeetingForPapersOn(DateOnly day)
    {
        var meeting = NextMeetingOnOrAfter(day);
        return day > PapersDue(meeting) ? meeting.AddDays(options.Value.BoardSchedule.EveryWeeks * 7) : meeting;
    }

    public DateOnly PapersDue(DateOnly meeting) => meeting.AddDays(-options.Value.BoardSchedule.PapersDueDaysBefore);
}
