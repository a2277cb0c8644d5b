using System.Globalization;
using Microsoft.Kiota.Abstractions;

namespace AdoptionBot.People;

/// <summary>After Graph answers 429, no lookups until its Retry-After has passed (30 s without one, 5 min at most).</summary>
internal sealed class ThrottlePause(TimeProvider time)
{
    private static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    private long _pausedUntilUtcTicks;

    /// <summary>True while lookups are paused, with the time they resume.</summary>
    public bool IsPaused(out DateTimeOffset resumeAt)
    {
        resumeAt = new DateTimeOffset(Interlocked.Read(ref _pausedUntilUtcTicks), TimeSpan.Zero);
        return time.GetUtcNow() < resumeAt;
    }

    /// <summary>Pauses lookups for as long as the throttled answer asks; returns the pause.</summary>
    public TimeSpan Start(ApiException throttled)
    {
        var now = time.GetUtcNow();
        var pause = RetryAfter(throttled, now) ?? DefaultPause;
        pause = pause > MaxPause ? MaxPause : pause;
        Interlocked.Exchange(ref _pausedUntilUtcTicks, (now + pause).UtcTicks);
        return pause;
    }

    private static TimeSpan? RetryAfter(ApiException ex, DateTimeOffset now)
    {
        var value = ex.ResponseHeaders
            .FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now ? at - now : null;
    }
}
