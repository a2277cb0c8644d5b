using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Support.Stores;

/// <summary>
/// A fresh store for one test (class): a database with every migration of its provider applied, removed at dispose.
/// The same store tests run on each provider through <see cref="SqliteStoreFixture"/> and <see cref="PostgreSqlStoreFixture"/>.
/// </summary>
public interface IStoreFixture : IAsyncLifetime, IDbContextFactory<AdoptionBotDbContext>
{
    StoreProvider Provider { get; }

    /// <summary>Contexts on the fresh, fully migrated database, as the bot's own factory hands them out.</summary>
    IDbContextFactory<AdoptionBotDbContext> Factory { get; }

    /// <summary>Settings that host the bot on this store: Store:Provider and ConnectionStrings:AdoptionBot.</summary>
    IReadOnlyDictionary<string, string?> BotSettings { get; }

    /// <summary>Another database of this provider, with no migration applied; it is removed with the fixture.</summary>
    Task<StoreContextFactory> CreateEmptyDatabaseAsync();

    /// <summary>Another database of this provider holding what <paramref name="release"/> (TestData/Stores/release-*) holds; returns its connection string.</summary>
    Task<string> RestoreReleaseAsync(string release);
}

/// <summary>The part common to both providers: migrating at start, settings from the connection string.</summary>
public abstract class StoreFixture : IStoreFixture
{
    private StoreContextFactory? _factory;
    private string? _connectionString;

    public abstract StoreProvider Provider { get; }

    public IDbContextFactory<AdoptionBotDbContext> Factory => _factory ?? throw new InvalidOperationException("The store fixture was not initialised.");

    /// <summary>The asker-hash secret every instance of a shared store is configured with (the embedded default makes its own).</summary>
    public const string SharedAskerHashKey = "test-asker-hash-key-shared-by-every-instance";

    public IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["Store:Provider"] = Provider.ToString(),
        ["ConnectionStrings:AdoptionBot"] = _connectionString ?? throw new InvalidOperationException("The store fixture was not initialised."),
        ["Questions:AskerHashKey"] = Provider == StoreProvider.PostgreSql ? SharedAskerHashKey : null,
    };

    /// <summary>Creates and migrates a fixture outside xunit's fixture lifetime (dispose it with DisposeAsync).</summary>
    public static async Task<TFixture> CreateAsync<TFixture>()
        where TFixture : StoreFixture, new()
    {
        var fixture = new TFixture();
        await fixture.InitializeAsync();
        return fixture;
    }

    public async Task InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        _factory = StoreContextFactory.Create(Provider, _connectionString);
        await using var db = _factory.CreateDbContext();
        await db.Database.MigrateAsync();
    }

    public AdoptionBotDbContext CreateDbContext() => Factory.CreateDbContext();

    public async Task<StoreContextFactory> CreateEmptyDatabaseAsync() => StoreContextFactory.Create(Provider, await CreateDatabaseAsync());

    public async Task<string> RestoreReleaseAsync(string release)
    {
        var connectionString = await CreateDatabaseAsync();
        await RestoreAsync(connectionString, TestPaths.TestData("Stores", release + (Provider == StoreProvider.PostgreSql ? ".postgres.sql" : ".sqlite.db")));
        return connectionString;
    }

    public abstract Task DisposeAsync();

    /// <summary>Fills the empty database of <paramref name="connectionString"/> from a file a release of the bot wrote.</summary>
    protected abstract Task RestoreAsync(string connectionString, string file);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();
}
