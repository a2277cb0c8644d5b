using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>Two bot instances on one store and one Azure AI Search index: only the holder of "knowledge-index" writes.</summary>
public abstract class KnowledgeWriteLeaseTests<TStore> : IAsyncLifetime, IDisposable
    where TStore : StoreFixture, new()
{
    private readonly TempFolder _folder = new();
    private readonly HashingEmbeddingGenerator _embeddings = new();
    private readonly FakeTimeProvider _leaseTime = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
    private StandInAzureSearch _service = null!;
    private TStore _store = null!;
    private StoreLeases _leases = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        _leases = new StoreLeases(_store, _leaseTime);
        _service = await StandInAzureSearch.StartAsync();
        _folder.Write("guides/fleet.md", "# Company cars\n\nThe car fleet policy covers leasing and fuel cards.\n");
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _store.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();

    [StoreFact]
    public async Task TrySyncAsync_AnotherInstanceHoldsTheLease_WritesNothingAndServesTheIndexOnceWritten()
    {
        var (first, firstLease) = Instance();
        var (second, _) = Instance();
        var hold = await firstLease.TryHoldAsync(CancellationToken.None);
        Assert.NotNull(hold);

        var skipped = await second.SyncAsync();

        Assert.True(skipped.IsWrittenElsewhere);
        Assert.DoesNotContain(_service.Requests, r => r.IsIndexing);
        await hold.DisposeAsync();

        var written = await first.SyncAsync();
        Assert.False(written.IsWrittenElsewhere);
        Assert.Contains(_service.Requests, r => r.IsIndexing);
        Assert.True(await second.Index.TryLoadExistingAsync(CancellationToken.None));
        Assert.NotEmpty(await second.SearchAsync("company car leasing"));
        Assert.Null(await _leases.HolderAsync(KnowledgeWriteLease.Name, CancellationToken.None)); // released after the sync
    }

    [StoreFact]
    public async Task TrySyncAsync_HolderCrashed_AnotherInstanceWritesAfterTheLeaseExpires()
    {
        var (survivor, _) = Instance();
        Assert.True(await _leases.TryAcquireAsync(KnowledgeWriteLease.Name, "crashed-instance", KnowledgeWriteLease.Duration, CancellationToken.None));
        Assert.True((await survivor.SyncAsync()).IsWrittenElsewhere);

        _leaseTime.Advance(KnowledgeWriteLease.Duration);
        var report = await survivor.SyncAsync();

        Assert.False(report.IsWrittenElsewhere);
        Assert.Contains(_service.Requests, r => r.IsIndexing);
    }

    [StoreFact]
    public async Task TryHoldAsync_EmbeddedIndex_AlwaysGrantedWithoutALease()
    {
        var options = KnowledgeTestServices.Options(_folder.Path);
        options.Value.Index = KnowledgeIndexKind.Embedded;
        Assert.True(await _leases.TryAcquireAsync(KnowledgeWriteLease.Name, "other-instance", KnowledgeWriteLease.Duration, CancellationToken.None));

        await using var hold = await Lease(options).TryHoldAsync(CancellationToken.None);

        Assert.NotNull(hold);
        Assert.Equal("other-instance", await _leases.HolderAsync(KnowledgeWriteLease.Name, CancellationToken.None));
    }

    private (AzureSearchHarness Harness, KnowledgeWriteLease Lease) Instance()
    {
        KnowledgeWriteLease? lease = null;
        var harness = new AzureSearchHarness(_service, _folder, _embeddings, writeLease: options => lease = Lease(options));
        return (harness, lease!);
    }

    private KnowledgeWriteLease Lease(IOptions<KnowledgeOptions> options) =>
        new(_leases, options, _leaseTime, NullLogger<KnowledgeWriteLease>.Instance);
}

public sealed class SqliteKnowledgeWriteLeaseTests : KnowledgeWriteLeaseTests<SqliteStoreFixture>;

public sealed class PostgreSqlKnowledgeWriteLeaseTests : KnowledgeWriteLeaseTests<PostgreSqlStoreFixture>;
