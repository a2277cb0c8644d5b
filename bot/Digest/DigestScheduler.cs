using Cronos;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Digest;

/// <summary>
/// Sends the digest of the week before each occurrence of Digest:Schedule in Digest:TimeZone. At start-up the most
/// recent occurrence of the last eight days is caught up once (the outbox's dedup keys make it a no-op when that
/// week was already sent), so a week missed while the bot was down is neither skipped nor sent twice.
/// </summary>
public sealed class DigestScheduler(DigestPublisher publisher, IOptions<DigestOptions> options, TimeProvider time, ILogger<DigestScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan CatchUpWindow = TimeSpan.FromDays(8);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(30);

    /// <summary>The schedule's occurrence at or before <paramref name="now"/> within the catch-up window, if any.</summary>
    public DateTimeOffset? LastOccurrence(DateTimeOffset now)
    {
        var (cron, zone) = Schedule();
        return cron.GetOccurrences(now - CatchUpWindow, now, zone, fromInclusive: true, toInclusive: true).Select(o => (DateTimeOffset?)o).LastOrDefault();
    }

    public DateTimeOffset? NextOccurrence(DateTimeOffset now)
    {
        var (cron, zone) = Schedule();
        return cron.GetNextOccurrence(now, zone);
    }

    /// <summary>Publishes the digest due at <paramref name="occurrence"/>: the full week before it.</summary>
    public Task<int> PublishForOccurrenceAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var zone = options.Value.ResolveTimeZone();
        var week = DigestWeek.Containing(occurrence, zone).Previous;
        return publisher.PublishAsync(week, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The cursor is the last occurrence dealt with; every later one is published in turn, also one that
            // passed while a failing store was retried or the machine slept.
            var cursor = time.GetUtcNow();
            if (LastOccurrence(cursor) is { } missed)
            {
                await PublishUntilDoneAsync(missed, stoppingToken);
            }

            while (true)
            {
                var (cron, zone) = Schedule();
                if (cron.GetNextOccurrence(cursor, zone) is not { } next)
                {
                    return;
                }

                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await PublishUntilDoneAsync(next, stoppingToken);
                cursor = next;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Publishes one occurrence's digest, retrying with a growing pause while the store fails.</summary>
    private async Task PublishUntilDoneAsync(DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var added = await PublishForOccurrenceAsync(occurrence, stoppingToken);
                DigestLog.Published(logger, occurrence, added);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var pause = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(attempt - 1, 10), LongestRetry.Ticks));
                DigestLog.PublishFailed(logger, ex, occurrence, attempt, pause);
                await Task.Delay(pause, time, stoppingToken);
            }
        }
    }

    private (CronExpression Cron, TimeZoneInfo Zone) Schedule() =>
        (options.Value.ParseSchedule(), options.Value.ResolveTimeZone());
}

internal static partial class DigestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Digest due at {Occurrence:u} published: {Added} new outbox messages")]
    public static partial void Published(ILogger logger, DateTimeOffset occurrence, int added);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest due at {Occurrence:u} could not be published (attempt {Attempt}); trying again in {Pause}")]
    public static partial void PublishFailed(ILogger logger, Exception exception, DateTimeOffset occurrence, int attempt, TimeSpan pause);
}
