using System.Collections.Concurrent;
using AdoptionBot.Delivery;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Delivery;

/// <summary>The provider's outbox claim (a batch UPDATE ... FOR UPDATE SKIP LOCKED on PostgreSQL, conditional updates on SQLite).</summary>
public abstract class OutboxClaimTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private static readonly DateTime Now = new(2025, 3, 14, 9, 30, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private TStore _store = null!;
    private IOutboxClaimer _claimer = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        _claimer = OutboxClaimers.For(_store.Provider, _store);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task ClaimAsync_FourSendersAtOnce_EveryRowClaimedExactlyOnce()
    {
        var ids = await AddRowsAsync(200);
        var claims = new ConcurrentBag<(string Owner, long Id)>();
        using var start = new Barrier(4);

        var senders = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var owner = $"instance-{i}";
            start.SignalAndWait();
            while (true)
            {
                var batch = await _claimer.ClaimAsync(owner, Now, Now + Lease, 10, CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }

                Assert.All(batch, row => Assert.Equal(owner, row.LeaseOwner));
                foreach (var row in batch)
                {
                    claims.Add((owner, row.Id));
                }
            }
        }));
        await Task.WhenAll(senders);

        Assert.Equal(ids, claims.Select(c => c.Id).Order());
        await using var db = _store.CreateDbContext();
        var stored = await db.Outbox.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.LeaseOwner);
        Assert.All(claims, c => Assert.Equal(c.Owner, stored[c.Id]));
    }

    [StoreFact]
    public async Task ClaimAsync_BatchSize_ClaimsTheEarliestDueRowsFirst()
    {
        var ids = await AddRowsAsync(5);

        var batch = await _claimer.ClaimAsync("a", Now, Now + Lease, 3, CancellationToken.None);

        Assert.Equal(ids.Take(3), batch.Select(r => r.Id));
        Assert.All(batch, r => Assert.Equal(Now + Lease, r.LeaseUntilUtc));
    }

    [StoreFact]
    public async Task ClaimAsync_LeaseOfACrashedInstanceExpired_AnotherTakesTheRowsOver()
    {
        var ids = await AddRowsAsync(3);
        Assert.Equal(3, (await _claimer.ClaimAsync("crashed", Now, Now + Lease, 10, CancellationToken.None)).Count);

        var whileLeased = await _claimer.ClaimAsync("b", Now + Lease - TimeSpan.FromSeconds(1), Now + (2 * Lease), 10, CancellationToken.None);
        var afterExpiry = await _claimer.ClaimAsync("b", Now + Lease, Now + (2 * Lease), 10, CancellationToken.None);

        Assert.Empty(whileLeased);
        Assert.Equal(ids, afterExpiry.Select(r => r.Id));
        Assert.All(afterExpiry, r => Assert.Equal("b", r.LeaseOwner));
    }

    [StoreFact]
    public async Task ClaimAsync_RowsNotDueSentOrFailed_AreLeftAlone()
    {
        var ids = await AddRowsAsync(4);
        await using (var db = _store.CreateDbContext())
        {
            await db.Outbox.Where(o => o.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAtUtc, Now.AddMinutes(5)));
            await db.Outbox.Where(o => o.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatuses.Sent));
            await db.Outbox.Where(o => o.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatuses.Failed));
        }

        var batch = await _claimer.ClaimAsync("a", Now, Now + Lease, 10, CancellationToken.None);

        Assert.Equal([ids[3]], batch.Select(r => r.Id));
    }

    private async Task<List<long>> AddRowsAsync(int count)
    {
        await using var db = _store.CreateDbContext();
        var rows = Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            DedupKey = $"test:{Guid.NewGuid():N}",
            Kind = "status",
            ConversationId = $"19:channel-{i % 7}",
            TenantId = "tenant",
            ServiceUrl = "https://smba.example/",
            BotId = "28:bot",
            ActivityJson = "{}",
            Status = OutboxStatuses.Pending,
            CreatedAtUtc = Now.AddSeconds(-count),
            NextAttemptAtUtc = Now.AddSeconds(i - count), // earlier rows are due first
        }).ToList();
        db.Outbox.AddRange(rows);
        await db.SaveChangesAsync();
        return [.. rows.Select(r => r.Id)];
    }
}

public sealed class SqliteOutboxClaimTests : OutboxClaimTests<SqliteStoreFixture>;

public sealed class PostgreSqlOutboxClaimTests : OutboxClaimTests<PostgreSqlStoreFixture>;
