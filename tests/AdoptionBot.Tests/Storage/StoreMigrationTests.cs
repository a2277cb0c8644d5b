using AdoptionBot.Ideas;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Storage;

/// <summary>Instances started together each apply pending migrations at start-up; EF Core's migration lock orders them.</summary>
public abstract class StoreMigrationTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private TStore _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task MigrateAsync_FourInstancesAtOnceOnAnEmptyDatabase_AllSucceedAndEachMigrationIsAppliedOnce()
    {
        var empty = await _store.CreateEmptyDatabaseAsync();
        using var start = new Barrier(4);

        var migrations = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            await new StoreMigrationService(empty).StartAsync(CancellationToken.None);
        }));
        await Task.WhenAll(migrations);

        await using var check = empty.CreateDbContext();
        var known = check.Database.GetMigrations().ToList();
        var applied = (await check.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await check.Ideas.CountAsync()); // the schema is there and usable
    }

    [StoreFact]
    public async Task Fixture_HasEveryMigrationOfItsProviderApplied()
    {
        await using var db = _store.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(_store.Provider == StoreProvider.PostgreSql, db is PostgreSqlStoreContext);
    }
}

public sealed class SqliteStoreMigrationTests : StoreMigrationTests<SqliteStoreFixture>;

public sealed class PostgreSqlStoreMigrationTests : StoreMigrationTests<PostgreSqlStoreFixture>;
