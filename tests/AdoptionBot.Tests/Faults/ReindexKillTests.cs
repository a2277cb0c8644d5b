using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace AdoptionBot.Tests.Faults;

/// <summary>
/// The bot process killed (SIGKILL, as an evicted App Service instance) in the middle of re-indexing 120 new knowledge
/// files. The next start serves the index as it was left, keeps every file finished before the kill, re-reads only the
/// rest, and ends with an index that is whole: every file once, every chunk with its search entry, nothing orphaned.
/// </summary>
public sealed partial class ReindexKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int NewFiles = 120;
    private readonly string _folder = Directory.CreateTempSubdirectory("adoptionbot-reindex-kill-").FullName;

    private string Knowledge => Path.Combine(_folder, "knowledge");

    private string IndexFile => Path.Combine(_folder, "knowledge-index.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KilledMidReindex_TheNextStartKeepsWhatWasDone_AndFinishesAWholeIndex()
    {
        TestPaths.CopyFolder(TestPaths.TestData("BotKnowledge"), Knowledge);
        await using var connector = await StandInConnector.StartAsync();

        await using (var first = BotProcess.Start(Settings()))
        {
            await first.WaitUntilReadyAsync();
            await WaitForSyncAsync(first);
        }

        for (var i = 1; i <= NewFiles; i++)
        {
            var folder = Path.Combine(Knowledge, "guidelines", "plant-rules");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"rule-{i:D3}.md"), RuleText(i));
        }

        int doneAtKill;
        await using (var killed = BotProcess.Start(Settings()))
        {
            await killed.WaitUntilReadyAsync();
            doneAtKill = await WaitForNewFilesAsync(atLeast: 5, killed);
            killed.Kill();
            await WaitForExitAsync(killed);
        }

        Assert.True(doneAtKill < NewFiles, $"the kill came after all {NewFiles} files were indexed; the test proves nothing");
        var keptAfterKill = NewFilesIn(IndexFile);
        Assert.True(keptAfterKill >= doneAtKill, "files committed before the kill survive it");

        await using var restarted = BotProcess.Start(Settings());
        await restarted.WaitUntilReadyAsync();
        var synced = await WaitForSyncAsync(restarted);

        Assert.Equal(NewFiles - keptAfterKill, synced.Changed);
        AssertWhole(IndexFile);
        Assert.Equal(NewFiles, NewFilesIn(IndexFile));
        var reply = await AskAsync(restarted, connector, "What does plant rule Zephyr-077 say about forklifts?");
        Assert.Contains("Zephyr-077", reply, StringComparison.Ordinal);
        output.WriteLine($"Killed with {doneAtKill} of {NewFiles} new files indexed ({keptAfterKill} on disk after the kill); the restart re-read {synced.Changed} files in {synced.ElapsedMs} ms and the index is whole.");
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Knowledge:Path"] = Knowledge,
        ["Knowledge:IndexFile"] = IndexFile,
        ["Logging:LogLevel:Default"] = "Information",
    };

    private static string RuleText(int i) =>
        $"# Plant rule Zephyr-{i:D3}\n\n" +
        $"Zephyr-{i:D3} covers forklifts in hall {i % 9 + 1}. Forklift drivers check the brakes before shift {i % 3 + 1} and log it in the plant app.\n\n" +
        $"## Exceptions\n\nDuring inventory week hall {i % 9 + 1} follows the night-shift list for Zephyr-{i:D3} instead.\n";

    private static async Task<(int Changed, long ElapsedMs)> WaitForSyncAsync(BotProcess bot)
    {
        var match = Match.Empty;
        await Poll.UntilAsync(
            () =>
            {
                match = SyncedLine().Match(bot.Output);
                Assert.False(!match.Success && bot.HasExited, "the bot exited while indexing:\n" + bot.Output);
                return Task.FromResult(match.Success);
            },
            TimeSpan.FromMinutes(3),
            () => "the line reporting the index sync",
            TimeSpan.FromMilliseconds(50));
        return (int.Parse(match.Groups["changed"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Polls the index file (read-only, beside the writer) until at least <paramref name="atLeast"/> new files are in it.</summary>
    private async Task<int> WaitForNewFilesAsync(int atLeast, BotProcess bot)
    {
        var done = 0;
        await Poll.UntilAsync(
            () =>
            {
                done = NewFilesIn(IndexFile);
                Assert.False(done < atLeast && bot.HasExited, "the bot exited while indexing:\n" + bot.Output);
                return Task.FromResult(done >= atLeast);
            },
            TimeSpan.FromMinutes(3),
            () => $"{atLeast} new files in the index",
            TimeSpan.FromMilliseconds(10));
        return done;
    }

    private static int NewFilesIn(string indexFile)
    {
        using var connection = new SqliteConnection($"Data Source={indexFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM files WHERE path LIKE '%plant-rules%'";
        try
        {
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the tables are not created yet
        }
    }

    /// <summary>Every file's chunk count matches its chunks, no chunk without its file, every chunk searchable once.</summary>
    private static void AssertWhole(string indexFile)
    {
        using var connection = new SqliteConnection($"Data Source={indexFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        Assert.Equal("ok", ScalarText(connection, "PRAGMA integrity_check"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM files f WHERE f.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.file_path = f.path)"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.path = c.file_path)"));
        Assert.Equal(Scalar("SELECT count(*) FROM chunks"), Scalar("SELECT count(*) FROM chunks_fts"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM chunks_fts WHERE rowid NOT IN (SELECT id FROM chunks)"));
    }

    private static string ScalarText(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    private static async Task WaitForExitAsync(BotProcess bot)
    {
        await Poll.UntilAsync(() => Task.FromResult(bot.HasExited), TimeSpan.FromSeconds(5), () => "the killed bot to exit", TimeSpan.FromMilliseconds(50));
        Assert.True(bot.HasExited);
    }

    private static async Task<string> AskAsync(BotProcess bot, StandInConnector connector, string question)
    {
        var activity = JsonNode.Parse(File.ReadAllText(TestPaths.TestData("Activities", "personal-message.json")))!.AsObject();
        var id = Guid.NewGuid().ToString("N");
        activity["id"] = id;
        activity["text"] = question;
        activity["serviceUrl"] = connector.ServiceUrl;
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await connector.WaitForAsync(a => a.ReplyToId == id))[^1].Text;
    }

    [GeneratedRegex(@"Knowledge index synced in (?<ms>\d+) ms: \d+ files, (?<changed>\d+) re-indexed")]
    private static partial Regex SyncedLine();
}
