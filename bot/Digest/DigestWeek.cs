namespace AdoptionBot.Digest;

/// <summary>A digest week: Monday 00:00 to the next Monday 00:00 in a time zone, with its UTC boundaries (DST weeks are 167 or 169 hours).</summary>
public sealed record DigestWeek(DateOnly Monday, TimeZoneInfo Zone, DateTime StartUtc, DateTime EndUtc)
{
    /// <summary>The Sunday the week ends with (inclusive), for display.</summary>
    public DateOnly Sunday => Monday.AddDays(6);

    public TimeSpan Length => EndUtc - StartUtc;

    public DigestWeek Previous => Starting(Monday.AddDays(-7), Zone);

    public bool Contains(DateTimeOffset instant) => instant.UtcDateTime >= StartUtc && instant.UtcDateTime < EndUtc;

    /// <summary>The week the instant falls in, as seen in <paramref name="zone"/>.</summary>
    public static DigestWeek Containing(DateTimeOffset instant, TimeZoneInfo zone) =>
        Containing(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime), zone);

    /// <summary>The week a local calendar date falls in.</summary>
    public static DigestWeek Containing(DateOnly date, TimeZoneInfo zone) =>
        Starting(date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), zone);

    private static DigestWeek Starting(DateOnly monday, TimeZoneInfo zone) =>
        new(monday, zone, StartOfDayUtc(monday, zone), StartOfDayUtc(monday.AddDays(7), zone));

    private static DateTime StartOfDayUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A few zones skip midnight when DST starts; the day then begins at the first local time that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
