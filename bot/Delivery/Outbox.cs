using AdoptionBot.Storage;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;

namespace AdoptionBot.Delivery;

/// <summary>
/// The outbox in the store. Every entry goes in by the same statement, INSERT … ON CONFLICT ("DedupKey") DO NOTHING
/// (the same on SQLite and PostgreSQL): a duplicate from a restart, a redelivered activity or a second instance is
/// settled by the database in the insert itself, never by a failed insert.
/// </summary>
public sealed class Outbox(IDbContextFactory<AdoptionBotDbContext> contexts, IOutboxSignal signal, TimeProvider time) : IOutbox
{
    private static readonly JsonSerializerSettings ActivityJson = new() { NullValueHandling = NullValueHandling.Ignore };

    public async Task<int> EnqueueAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await InsertAsync(db, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Wake(added);
        return added;
    }

    public Task<int> SaveWithAsync(AdoptionBotDbContext db, IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken) =>
        SaveWithAsync(db, entries, [], cancellationToken);

    public async Task<int> SaveWithAsync(AdoptionBotDbContext db, IReadOnlyCollection<OutboxEntry> entries, IReadOnlyCollection<OutboxReplacement> replacements, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var added = await InsertAsync(db, entries, cancellationToken);
        foreach (var replacement in replacements)
        {
            added += await ReplaceAsync(db, replacement, cancellationToken) ? 1 : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        Wake(added);
        return added;
    }

    public async Task<bool> ReplaceAsync(string dedupKey, IActivity activity, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var replaced = await ReplaceAsync(db, new OutboxReplacement(dedupKey, activity, version), cancellationToken);
        Wake(replaced ? 1 : 0);
        return replaced;
    }

    private async Task<bool> ReplaceAsync(AdoptionBotDbContext db, OutboxReplacement replacement, CancellationToken cancellationToken)
    {
        var body = JsonConvert.SerializeObject(replacement.Activity, ActivityJson);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Outbox
            .Where(o => o.DedupKey == replacement.DedupKey && o.ContentVersion < replacement.Version)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.ActivityJson, body)
                    .SetProperty(o => o.ContentVersion, replacement.Version)
                    .SetProperty(o => o.Status, OutboxStatuses.Pending)
                    .SetProperty(o => o.Attempts, 0)
                    .SetProperty(o => o.NextAttemptAtUtc, now)
                    .SetProperty(o => o.LastError, (string?)null),
                cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<FailedDelivery>> ListFailedAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatuses.Failed)
            .OrderByDescending(o => o.Id)
            .Take(max)
            .Select(o => new FailedDelivery(o.Kind, o.ChannelLinkId, o.CreatedAtUtc, o.LastError))
            .ToListAsync(cancellationToken);
    }

    private async Task<int> InsertAsync(AdoptionBotDbContext db, IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // A fan-out sends one activity to many recipients: it is serialised once.
        var json = new Dictionary<IActivity, string>(ReferenceEqualityComparer.Instance);
        var added = 0;
        foreach (var (to, activity, dedupKey, kind) in entries)
        {
            if (!json.TryGetValue(activity, out var body))
            {
                json[activity] = body = JsonConvert.SerializeObject(activity, ActivityJson);
            }

            added += await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO outbox ("DedupKey", "Kind", "ConversationId", "UserChannelId", "ChannelLinkId", "TenantId", "ServiceUrl", "BotId",
                                    "ActivityJson", "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc")
                VALUES ({dedupKey}, {kind}, {to.ConversationId}, {to.UserChannelId}, {to.ChannelLinkId},
                        {to.TenantId}, {to.ServiceUrl}, {to.BotId}, {body}, {OutboxStatuses.Pending}, 0, {now}, {now})
                ON CONFLICT ("DedupKey") DO NOTHING
                """,
                cancellationToken);
        }

        return added;
    }

    private void Wake(int added)
    {
        if (added > 0)
        {
            signal.Notify();
        }
    }
}
