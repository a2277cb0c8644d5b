using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Storage;

/// <summary>
/// A store written by the last release (TestData/Stores, made by commit 82e82de in normal use: questions, feedback,
/// ideas moved through the pipeline, linked and unlinked channels, status updates and digests delivered, a lease)
/// opened by this build: one migration to apply, which changes only what it documents, and the bot reads it.
/// </summary>
public abstract class ReleaseStoreUpgradeTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string Release = "release-82e82de";
    private TStore _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task Migrate_OnTheLastReleasesStore_AppliesTheLaterMigrationsAndChangesOnlyWhatTheyDocument()
    {
        var connectionString = await _store.RestoreReleaseAsync(Release);
        var contexts = StoreContextFactory.Create(_store.Provider, connectionString);
        var before = await RowsAsync(contexts);
        List<string> appliedBefore;
        await using (var db = contexts.CreateDbContext())
        {
            appliedBefore = [.. await db.Database.GetAppliedMigrationsAsync()];
        }

        await new StoreMigrationService(contexts).StartAsync(CancellationToken.None);

        await using var check = contexts.CreateDbContext();
        var applied = (await check.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(appliedBefore, applied[..^3]);
        Assert.EndsWith("_Confidentiality", applied[^3], StringComparison.Ordinal);
        Assert.EndsWith("_Portfolio", applied[^2], StringComparison.Ordinal);
        Assert.EndsWith("_Experts", applied[^1], StringComparison.Ordinal);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.False(check.Database.HasPendingModelChanges(), "the model differs from the latest migration: a migration is missing");

        // What the migrations document: unkeyed asker hashes are cleared, tenant columns are added empty, the portfolio's
        // columns of an idea are added (below); every other value of every row is as the release left it.
        Assert.Contains(before, row => row.Table == "questions" && row.Columns["AskerHash"] != "null");
        var expected = before
            .Where(row => row.Table != "__EFMigrationsHistory")
            .Select(row => row.Table switch
            {
                "questions" => row.With("AskerHash", "null").With("TenantId", "null"),
                "answer_feedback" => row.With("UserHash", "null"),
                "ideas" => row.With("TenantId", "null"),
                _ => row,
            })
            .Select(row => row.ToString())
            .Order(StringComparer.Ordinal)
            .ToList();
        var afterRows = (await RowsAsync(contexts)).Where(row => row.Table != "__EFMigrationsHistory").ToList();
        var oldColumns = before.GroupBy(row => row.Table).ToDictionary(g => g.Key, g => g.First().Columns.Keys.Append("TenantId").ToHashSet(StringComparer.Ordinal));
        var after = afterRows.Select(row => row.Only(oldColumns[row.Table]).ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, after);
        foreach (var idea in afterRows.Where(row => row.Table == "ideas"))
        {
            var inCatalogue = idea.Columns["Status"] is "poc" or "pilot" or "rollout";
            Assert.Equal(idea.Columns["UpdatedAtUtc"], idea.Columns["StageEnteredAtUtc"]);
            Assert.Contains(idea.Columns["Published"], (string[])(inCatalogue ? ["1", "True"] : ["0", "False"]));
            Assert.Equal("teams", idea.Columns["Origin"]);
            Assert.Equal("null", idea.Columns["ExternalRef"]);
            Assert.Equal("null", idea.Columns["FirstAnswer"]);
        }

        Assert.All(afterRows.Where(row => row.Table == "idea_status_changes"), change => Assert.Equal("move", change.Columns["Kind"]));

        // The experts' migration: messages sent before it have no posted id to update and hold their first content.
        Assert.All(afterRows.Where(row => row.Table == "outbox"), message =>
        {
            Assert.Equal("null", message.Columns["SentActivityId"]);
            Assert.Equal("0", message.Columns["ContentVersion"]);
        });
        Assert.Contains(after, row => row.StartsWith("ideas:", StringComparison.Ordinal) && row.Contains("Supplier report summariser", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Bot_OnTheLastReleasesStore_ShowsItsIdeasLinksAndHistory()
    {
        var connectionString = await _store.RestoreReleaseAsync(Release);
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = _store.Provider.ToString(),
            ["ConnectionStrings:AdoptionBot"] = connectionString,
            ["Questions:AskerHashKey"] = _store.BotSettings["Questions:AskerHashKey"],
        };
        await using var host = await BotTestHost.StartAsync(settings);

        var mine = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "my ideas"));
        var page = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "idea IDEA-0001";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));
        var links = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "channels";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));

        var myIdeas = Readable(mine);
        Assert.Contains("Supplier report summariser", myIdeas, StringComparison.Ordinal);
        Assert.Contains("Contract clause finder", myIdeas, StringComparison.Ordinal);
        var history = Readable(page);
        Assert.Contains("Submitted → Assessment", history, StringComparison.Ordinal);
        Assert.Contains("Promising, with a clear owner", history, StringComparison.Ordinal);
        Assert.Contains("**Purchasing**: Purchasing GenAI", links.Text, StringComparison.Ordinal);
        Assert.Contains("~~After Sales~~", links.Text, StringComparison.Ordinal);
    }

    private static string Readable(SentActivity reply) =>
        reply.Activity.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Every row of every table in key order, its columns by name: what "no data change" compares.</summary>
    private async Task<List<Row>> RowsAsync(StoreContextFactory contexts)
    {
        await using var db = contexts.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = _store.Provider == StoreProvider.PostgreSql
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new List<Row>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new Row(table, new SortedDictionary<string, string>(
                    Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Value(reader, i)), StringComparer.Ordinal)));
            }
        }

        return rows;
    }

    private sealed record Row(string Table, SortedDictionary<string, string> Columns)
    {
        public Row With(string column, string value) => this with { Columns = new(Columns, StringComparer.Ordinal) { [column] = value } };

        /// <summary>The row with only the given columns (those a table had before a migration added more).</summary>
        public Row Only(IReadOnlySet<string> columns) => this with { Columns = new(Columns.Where(c => columns.Contains(c.Key)).ToDictionary(), StringComparer.Ordinal) };

        public override string ToString() => Table + ": " + string.Join(" ", Columns.Select(c => $"{c.Key}={c.Value}"));
    }

    private static string Value(DbDataReader reader, int column) => reader.IsDBNull(column)
        ? "null"
        : Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture) ?? "";
}

public sealed class SqliteReleaseStoreUpgradeTests : ReleaseStoreUpgradeTests<SqliteStoreFixture>;

public sealed class PostgreSqlReleaseStoreUpgradeTests : ReleaseStoreUpgradeTests<PostgreSqlStoreFixture>;
