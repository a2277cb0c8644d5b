using AdoptionBot.Storage;
using Microsoft.Data.Sqlite;

namespace AdoptionBot.Tests.Support.Stores;

/// <summary>The store as a single instance runs it: SQLite files in a temp folder.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("adoptionbot-store-").FullName;
    private int _databases;

    public override StoreProvider Provider => StoreProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        var name = Interlocked.Increment(ref _databases) == 1 ? "adoptionbot.db" : $"adoptionbot-{_databases}.db";
        return Task.FromResult(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, name),
            DefaultTimeout = 30,
            Pooling = false, // the files can be deleted as soon as the test ends
        }.ToString());
    }

    protected override Task RestoreAsync(string connectionString, string file)
    {
        File.Copy(file, new SqliteConnectionStringBuilder(connectionString).DataSource);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }

        return Task.CompletedTask;
    }
}
