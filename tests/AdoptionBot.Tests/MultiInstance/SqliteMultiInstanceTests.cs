using Xunit.Abstractions;

namespace AdoptionBot.Tests.MultiInstance;

/// <summary>The multi-instance scenarios on one SQLite file that every instance on the machine opens.</summary>
[Collection(MultiInstanceCollection.Name)]
public sealed class SqliteMultiInstanceTests(ITestOutputHelper output) : MultiInstanceScenarios(output)
{
    [Fact]
    public Task StatusChangesAndDigestsOnBothInstances_ReachEveryRecipientExactlyOnce() =>
        StatusChangesAndDigestsOnBothInstances_ReachEveryRecipientExactlyOnceAsync();

    [Fact]
    public Task AnInstanceKilledMidDelivery_TheOtherSendsTheRest() =>
        AnInstanceKilledMidDelivery_TheOtherSendsTheRestAsync();

    [Fact]
    public Task FiftyConcurrentSubmissionsOnBothInstances_GetFiftyDistinctIds() =>
        FiftyConcurrentSubmissionsOnBothInstances_GetFiftyDistinctIdsAsync();

    [Fact]
    public Task TwoInstancesStartingTogetherOnAnEmptyDatabase_BothStartAndMigrateItOnce() =>
        TwoInstancesStartingTogetherOnAnEmptyDatabase_BothStartAndMigrateItOnceAsync();

    protected override Task<ISharedStore> CreateStoreAsync() => Task.FromResult<ISharedStore>(new SharedSqliteStore());
}
