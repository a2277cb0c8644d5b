using AdoptionBot.Storage;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Storage;

public abstract class StoreLeasesTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string Lease = "knowledge-index";
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
    private TStore _store = null!;
    private StoreLeases _leases = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        _leases = new StoreLeases(_store, _time);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task TryAcquireAsync_FreeLease_TheFirstGetsItTheSecondDoesNot()
    {
        Assert.True(await _leases.TryAcquireAsync(Lease, "a", Duration, CancellationToken.None));
        Assert.False(await _leases.TryAcquireAsync(Lease, "b", Duration, CancellationToken.None));
        Assert.Equal("a", await _leases.HolderAsync(Lease, CancellationToken.None));
    }

    [StoreFact]
    public async Task TryAcquireAsync_TenInstancesAtOnce_ExactlyOneGetsIt()
    {
        using var start = new Barrier(10);
        var tries = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await _leases.TryAcquireAsync(Lease, $"instance-{i}", Duration, CancellationToken.None);
        }));

        var results = await Task.WhenAll(tries);

        Assert.Single(results, r => r);
    }

    [StoreFact]
    public async Task TryRenewAsync_Holder_ExtendsTheLeasePastItsFirstExpiry()
    {
        await _leases.TryAcquireAsync(Lease, "a", Duration, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1.5));

        Assert.True(await _leases.TryRenewAsync(Lease, "a", Duration, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await _leases.TryAcquireAsync(Lease, "b", Duration, CancellationToken.None));
        Assert.Equal("a", await _leases.HolderAsync(Lease, CancellationToken.None));
    }

    [StoreFact]
    public async Task TryAcquireAsync_HolderStoppedRenewing_AnotherTakesOverAfterExpiryAndTheOldHolderCannotRenew()
    {
        await _leases.TryAcquireAsync(Lease, "crashed", Duration, CancellationToken.None);
        _time.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.False(await _leases.TryAcquireAsync(Lease, "b", Duration, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await _leases.HolderAsync(Lease, CancellationToken.None));
        Assert.True(await _leases.TryAcquireAsync(Lease, "b", Duration, CancellationToken.None));
        Assert.False(await _leases.TryRenewAsync(Lease, "crashed", Duration, CancellationToken.None));
        Assert.Equal("b", await _leases.HolderAsync(Lease, CancellationToken.None));
    }

    [StoreFact]
    public async Task ReleaseAsync_Holder_AnotherGetsItAtOnce_ButOnlyTheHolderCanRelease()
    {
        await _leases.TryAcquireAsync(Lease, "a", Duration, CancellationToken.None);

        await _leases.ReleaseAsync(Lease, "b", CancellationToken.None);
        Assert.Equal("a", await _leases.HolderAsync(Lease, CancellationToken.None));
        await _leases.ReleaseAsync(Lease, "a", CancellationToken.None);

        Assert.True(await _leases.TryAcquireAsync(Lease, "b", Duration, CancellationToken.None));
    }
}

public sealed class SqliteStoreLeasesTests : StoreLeasesTests<SqliteStoreFixture>;

public sealed class PostgreSqlStoreLeasesTests : StoreLeasesTests<PostgreSqlStoreFixture>;
