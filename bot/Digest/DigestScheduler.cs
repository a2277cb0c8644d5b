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
            if (LastOccurrence(time.GetUtcNow()) is { } missed)
            {
                await PublishForOccurrenceAsync(missed, stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (NextOccurrence(now) is not { } next)
                {
                    return;
                }

                await Task.Delay(next - now, time, stoppingToken);
                await PublishForOccurrenceAsync(next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            DigestLog.SchedulerFailed(logger, ex);
        }
    }

    private (CronExpression Cron, TimeZoneInfo Zone) Schedule() =>
        (options.Value.ParseSchedule(), options.Value.ResolveTimeZone());
}

internal static partial class DigestLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The digest scheduler stopped")]
    public static partial void SchedulerFailed(ILogger logger, Exception exception);
}
