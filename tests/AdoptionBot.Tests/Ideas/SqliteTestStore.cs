using AdoptionBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Ideas;

/// <summary>The bot's store as it runs in production: a SQLite file with every migration applied, in a temp folder.</summary>
internal sealed class SqliteTestStore : IDbContextFactory<AdoptionBotDbContext>, IAsyncDisposable
{
    private readonly string _folder;
    private readonly DbContextOptions<AdoptionBotDbContext> _options;

    private SqliteTestStore(string folder)
    {
        _folder = folder;
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "adoptionbot.db"),
            DefaultTimeout = 30,
            Pooling = false, // the file can be deleted as soon as the test ends
        };
        _options = new DbContextOptionsBuilder<AdoptionBotDbContext>().UseSqlite(connection.ToString()).Options;
    }

    public static async Task<SqliteTestStore> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "adoptionbot-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = new SqliteTestStore(folder);
        await using var db = store.CreateDbContext();
        await db.Database.MigrateAsync();
        return store;
    }

    public AdoptionBotDbContext CreateDbContext() => new(_options);

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }

        return ValueTask.CompletedTask;
    }
}
