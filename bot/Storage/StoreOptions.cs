using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdoptionBot.Storage;

/// <summary>Which database server holds the store.</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file: one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several instances share it.</summary>
    PostgreSql,
}

/// <summary>The bot's database. Section "Store"; the connection string is ConnectionStrings:AdoptionBot.</summary>
public sealed class StoreOptions : IValidatableObject
{
    public const string SectionName = "Store";

    /// <summary>The key of the connection string, under "ConnectionStrings".</summary>
    public const string ConnectionStringName = "AdoptionBot";

    /// <summary>Store:Provider (env Store__Provider): Sqlite (default, embedded) or PostgreSql.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>
    /// Read from ConnectionStrings:AdoptionBot (env ConnectionStrings__AdoptionBot). Sqlite: default a file
    /// adoptionbot.db in the data folder. PostgreSql: required, e.g. "Host=db.example.com;Database=adoptionbot;Username=bot;Password=...".
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Store:ExpectedInstances (env Store__ExpectedInstances): how many instances of the bot the deployment runs on this
    /// store (the Bicep sets it to appInstanceCount). More than 1 needs PostgreSql: the SQLite file belongs to one instance.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Store:ExpectedInstances must be between 1 and 100.")]
    public int ExpectedInstances { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult($"Store:Provider '{Provider}' is not one of Sqlite, PostgreSql.", [nameof(Provider)]);
            yield break;
        }

        if (Provider == StoreProvider.Sqlite && ExpectedInstances > 1)
        {
            yield return new ValidationResult(
                $"Store:ExpectedInstances is {ExpectedInstances} but Store:Provider is Sqlite, a file that one instance writes: set Store:Provider to PostgreSql (env Store__Provider) with ConnectionStrings:AdoptionBot, or run one instance (Store:ExpectedInstances 1).",
                [nameof(ExpectedInstances), nameof(Provider)]);
        }

        // The messages never repeat the connection string: it holds the password.
        if (Provider == StoreProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                yield return new ValidationResult(
                    "Store:Provider is PostgreSql but ConnectionStrings:AdoptionBot is empty; set it (env ConnectionStrings__AdoptionBot) to a PostgreSQL connection string such as Host=...;Database=...;Username=...;Password=....",
                    [nameof(ConnectionString)]);
            }
            else if (ParsePostgreSql(ConnectionString) is { } problem)
            {
                yield return new ValidationResult($"ConnectionStrings:AdoptionBot is not a PostgreSQL connection string Npgsql accepts ({problem}).", [nameof(ConnectionString)]);
            }
        }
        else if (!string.IsNullOrWhiteSpace(ConnectionString) && ParseSqlite(ConnectionString) is { } problem)
        {
            yield return new ValidationResult(
                $"ConnectionStrings:AdoptionBot is not a SQLite connection string ({problem}); for a PostgreSQL server set Store:Provider to PostgreSql.",
                [nameof(ConnectionString)]);
        }
    }

    private static string? ParsePostgreSql(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host" : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return KeywordProblem(ex);
        }
    }

    private static string? ParseSqlite(string connectionString)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return KeywordProblem(ex);
        }
    }

    // The parsers' messages name the keyword, and some quote its value: keep only the keyword part.
    private static string KeywordProblem(Exception ex) =>
        ex is ArgumentException { ParamName: { Length: > 0 } name } && !name.Equals("connectionString", StringComparison.OrdinalIgnoreCase)
            ? $"keyword '{name}' is unknown or has a bad value"
            : "a keyword is unknown or a value is malformed";
}
