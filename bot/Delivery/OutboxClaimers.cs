using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Delivery;

/// <summary>
/// Takes due outbox rows for one sender with a lease: a row is due when pending, its next attempt has come and it has
/// no live lease (an expired one, left by a crashed instance, is taken over). Of several senders, each row goes to one.
/// </summary>
public interface IOutboxClaimer
{
    /// <summary>Leases up to <paramref name="batchSize"/> due rows to <paramref name="owner"/> until <paramref name="leaseUntilUtc"/> and returns them.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, DateTime nowUtc, DateTime leaseUntilUtc, int batchSize, CancellationToken cancellationToken);
}

public static class OutboxClaimers
{
    /// <summary>The claim that suits the store's provider.</summary>
    public static IOutboxClaimer For(StoreProvider provider, IDbContextFactory<AdoptionBotDbContext> contexts) => provider switch
    {
        StoreProvider.PostgreSql => new PostgreSqlOutboxClaimer(contexts),
        _ => new SqliteOutboxClaimer(contexts),
    };
}

/// <summary>
/// SQLite: picks candidates, then leases each with a conditional update. SQLite runs one writer at a time, so the
/// condition is checked again under its write lock: of two instances, one gets the row, the other 0 rows.
/// </summary>
public sealed class SqliteOutboxClaimer(IDbContextFactory<AdoptionBotDbContext> contexts) : IOutboxClaimer
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, DateTime nowUtc, DateTime leaseUntilUtc, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Outbox
            .Where(o => o.Status == OutboxStatuses.Pending && o.NextAttemptAtUtc <= nowUtc && (o.LeaseUntilUtc == null || o.LeaseUntilUtc <= nowUtc))
            .OrderBy(o => o.NextAttemptAtUtc)
            .ThenBy(o => o.Id)
            .Select(o => o.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

        var claimed = new List<long>(candidates.Count);
        foreach (var id in candidates)
        {
            var affected = await db.Outbox
                .Where(o => o.Id == id && o.Status == OutboxStatuses.Pending && (o.LeaseUntilUtc == null || o.LeaseUntilUtc <= nowUtc))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeaseUntilUtc, leaseUntilUtc), cancellationToken);
            if (affected == 1)
            {
                claimed.Add(id);
            }
        }

        return claimed.Count == 0
            ? []
            : await db.Outbox.AsNoTracking().Where(o => claimed.Contains(o.Id) && o.LeaseOwner == owner).OrderBy(o => o.Id).ToListAsync(cancellationToken);
    }
}

/// <summary>
/// PostgreSQL: one statement leases a batch. FOR UPDATE SKIP LOCKED lets concurrent senders pass over the rows another
/// is leasing instead of waiting for it; a row it selects stays locked until the lease is written, so no row is leased twice.
/// </summary>
public sealed class PostgreSqlOutboxClaimer(IDbContextFactory<AdoptionBotDbContext> contexts) : IOutboxClaimer
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, DateTime nowUtc, DateTime leaseUntilUtc, int batchSize, CancellationToken cancellationToken)
    {
        // Parameters go to timestamptz columns: they must carry the UTC kind.
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var until = DateTime.SpecifyKind(leaseUntilUtc, DateTimeKind.Utc);
        var pending = OutboxStatuses.Pending;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The CTE is materialised once: as an IN (subquery) the planner may run the locking subquery again and lease more than the batch.
        var rows = await db.Outbox.FromSql($"""
            WITH due AS MATERIALIZED (
                SELECT "Id" FROM outbox
                WHERE "Status" = {pending} AND "NextAttemptAtUtc" <= {now} AND ("LeaseUntilUtc" IS NULL OR "LeaseUntilUtc" <= {now})
                ORDER BY "NextAttemptAtUtc", "Id"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE outbox AS o SET "LeaseOwner" = {owner}, "LeaseUntilUtc" = {until}
            FROM due
            WHERE o."Id" = due."Id"
            RETURNING o.*
            """).AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Id)];
    }
}
