namespace AdoptionBot.Core;

/// <summary>
/// The programme's working days (Monday to Friday without the configured holidays) in its time zone. Ideas keeps
/// the calendar (Portfolio:Holidays, Portfolio:TimeZone); other capabilities count their promises with it.
/// </summary>
public interface IWorkingCalendar
{
    TimeZoneInfo Zone { get; }

    bool IsWorkingDay(DateOnly day);
}

/// <summary>Working time counted on the <see cref="IWorkingCalendar"/>: hours that fall on working days, whole days off skipped.</summary>
public static class WorkingTime
{
    /// <summary>The hours between two instants that fall on working days of the calendar's time zone.</summary>
    public static double HoursBetween(this IWorkingCalendar calendar, DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return 0;
        }

        var hours = 0.0;
        var cursor = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        var end = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
        while (cursor < end)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(cursor, calendar.Zone);
            // The next local midnight at today's offset: a clock change that day moves it by its hour, never backwards.
            var nextMidnight = DateTime.SpecifyKind(local.Date.AddDays(1) - calendar.Zone.GetUtcOffset(cursor), DateTimeKind.Utc);
            if (nextMidnight <= cursor)
            {
                nextMidnight = cursor.AddHours(1);
            }

            var stop = nextMidnight < end ? nextMidnight : end;
            if (calendar.IsWorkingDay(DateOnly.FromDateTime(local)))
            {
                hours += (stop - cursor).TotalHours;
            }

            cursor = stop;
        }

        return hours;
    }
}
