using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Delivery;

/// <summary>
/// Outbox rows carry what was sent (digests, answers, spooled replies, status cards): in the daily retention pass,
/// sent and failed rows older than Delivery:RetentionDays are deleted, in batches so no pass holds a long
/// transaction. A pending row is never deleted, however old.
/// </summary>
public sealed class OutboxRetention(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<OutboxRetention> logger) : IRetentionRule
{
    private const int BatchSize = 500;
    private static readonly string[] Finished = [OutboxStatuses.Sent, OutboxStatuses.Failed];

    public Task RunAsync(CancellationToken cancellationToken) => DeleteExpiredAsync(cancellationToken);

    /// <summary>Deletes the finished rows past retention now; returns how many went.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var outbox = db.Outbox;
            var batch = await outbox
                .Where(o => outbox
                    .Where(e => Finished.Contains(e.Status) && e.CreatedAtUtc < cutoff)
                    .OrderBy(e => e.Id)
                    .Select(e => e.Id)
                    .Take(BatchSize)
                    .Contains(o.Id))
                .ExecuteDeleteAsync(cancellationToken);
            deleted += batch;
            if (batch == 0)
            {
                break;
            }
        }

        DeliveryLog.RetentionDeleted(logger, deleted, days);
        return deleted;
    }
}
