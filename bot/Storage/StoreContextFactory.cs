using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>
/// Hands out <see cref="AdoptionBotDbContext"/> for the configured provider: the SQLite context itself, or its
/// PostgreSQL subclass (which carries the PostgreSQL migrations). Code that uses the store never sees the difference.
/// </summary>
public sealed class StoreContextFactory : IDbContextFactory<AdoptionBotDbContext>
{
    private readonly Func<AdoptionBotDbContext> _create;

    private StoreContextFactory(Func<AdoptionBotDbContext> create) => _create = create;

    public static StoreContextFactory Create(StoreOptions options) => Create(options.Provider, options.ConnectionString
        ?? throw new InvalidOperationException("ConnectionStrings:AdoptionBot was not resolved at start-up."));

    public static StoreContextFactory Create(StoreProvider provider, string connectionString)
    {
        switch (provider)
        {
            case StoreProvider.PostgreSql:
                var postgres = new DbContextOptionsBuilder<PostgreSqlStoreContext>().UseNpgsql(connectionString).Options;
                return new StoreContextFactory(() => new PostgreSqlStoreContext(postgres));
            case StoreProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<AdoptionBotDbContext>().UseSqlite(connectionString).Options;
                return new StoreContextFactory(() => new AdoptionBotDbContext(sqlite));
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Store:Provider is not one of Sqlite, PostgreSql.");
        }
    }

    public AdoptionBotDbContext CreateDbContext() => _create();
}
