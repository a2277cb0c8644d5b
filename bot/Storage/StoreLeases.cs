using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>
/// Named leases in the store, for work that one instance of several must do: a conditional write takes a free or
/// expired lease, so of two instances asking at once exactly one gets it. A holder renews before expiry; a crashed
/// holder's lease runs out and another instance takes over.
/// </summary>
public sealed class StoreLeases(IDbContextFactory<AdoptionBotDbContext> contexts, TimeProvider time)
{
    /// <summary>Takes the lease, or renews it when <paramref name="owner"/> holds it already; false while another owner holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.Owner == owner || l.ExpiresAtUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAtUtc, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        db.Leases.Add(new StoreLease { Name = name, Owner = owner, ExpiresAtUtc = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return false; // the lease exists and is held by someone else
        }
    }

    /// <summary>Extends a lease <paramref name="owner"/> still holds; false when it was taken over (it expired meanwhile).</summary>
    public async Task<bool> TryRenewAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow().UtcDateTime + duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Leases
            .Where(l => l.Name == name && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, until), cancellationToken) == 1;
    }

    /// <summary>Gives the lease up (when stopping), so another instance takes over at once instead of after expiry.</summary>
    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Leases.Where(l => l.Name == name && l.Owner == owner).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The current holder, or null when the lease is free or expired.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Leases.Where(l => l.Name == name && l.ExpiresAtUtc > now).Select(l => l.Owner).FirstOrDefaultAsync(cancellationToken);
    }
}
