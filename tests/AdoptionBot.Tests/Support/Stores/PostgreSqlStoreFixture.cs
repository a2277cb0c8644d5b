using AdoptionBot.Storage;
using Npgsql;

namespace AdoptionBot.Tests.Support.Stores;

/// <summary>
/// The store on a real PostgreSQL server, named by <see cref="ServerVariable"/> (an admin connection string of a role
/// that may create databases). Each fixture gets its own, uniquely named database and drops it at dispose.
/// </summary>
public sealed class PostgreSqlStoreFixture : StoreFixture
{
    public const string ServerVariable = "ADOPTIONBOT_TEST_POSTGRES";

    private readonly List<string> _databases = [];

    public override StoreProvider Provider => StoreProvider.PostgreSql;

    /// <summary>The admin connection string, or null when the variable is unset.</summary>
    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;

    /// <summary>CI sets CI=true: there a missing server fails the PostgreSQL tests instead of skipping them.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (a server is configured, or this is CI).</summary>
    public static string? SkipReason => ServerConnectionString is null && !IsCi
        ? $"PostgreSQL store test: set {ServerVariable} to an admin connection string (e.g. Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=postgres) to run it."
        : null;

    protected override async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(
            $"{ServerVariable} is not set, and CI=true does not skip the PostgreSQL tests: .ci/run starts a server and sets it.");
        var name = "adoptionbot_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Runs a plain-SQL pg_dump (INSERT statements, no owners) on a connection of its own: it sets the search path.</summary>
    protected override async Task RestoreAsync(string connectionString, string file)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var restore = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection);
        await restore.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = [.. _databases];
        }

        if (names.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
