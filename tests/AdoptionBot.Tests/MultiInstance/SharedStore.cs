using AdoptionBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.MultiInstance;

/// <summary>
/// One empty database that several bot instances are pointed at: the settings an instance needs to use it, and a
/// context factory for the test's own checks. The instances apply the migrations themselves when they start.
/// </summary>
public interface ISharedStore : IAsyncDisposable
{
    /// <summary>Store:Provider and ConnectionStrings:AdoptionBot, as an instance reads them.</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }

    IDbContextFactory<AdoptionBotDbContext> Factory { get; }
}

/// <summary>A SQLite file in a temp folder that every instance on this machine opens.</summary>
internal sealed class SharedSqliteStore : ISharedStore, IDbContextFactory<AdoptionBotDbContext>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("adoptionbot-shared-").FullName;
    private readonly DbContextOptions<AdoptionBotDbContext> _options;

    public SharedSqliteStore()
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "adoptionbot.db"),
            DefaultTimeout = 30,
        }.ToString();
        Settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Sqlite",
            ["ConnectionStrings:AdoptionBot"] = connection,
        };
        _options = new DbContextOptionsBuilder<AdoptionBotDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder(connection) { Pooling = false }.ToString())
            .Options;
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IDbContextFactory<AdoptionBotDbContext> Factory => this;

    public AdoptionBotDbContext CreateDbContext() => new(_options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file another instance still holds open; the temp folder is cleaned by the OS
        }

        return ValueTask.CompletedTask;
    }
}
