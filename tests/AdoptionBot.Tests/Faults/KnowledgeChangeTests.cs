using System.Collections.Concurrent;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AdoptionBot.Tests.Faults;

/// <summary>
/// A knowledge file rewritten, deleted and written again while employees ask about it and re-indexing runs over and
/// over: every question still gets an answer from one consistent version of the file, never a failed turn, and once
/// the edits stop the last version is what the bot cites.
/// </summary>
public sealed class KnowledgeChangeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Question = "Which translator should I use for customer letters?";
    private static readonly string[] Versions =
    [
        "# Translating customer letters\n\nUse the Lingua Pro translator for customer letters. Lingua Pro keeps the text inside the company.\n",
        "# Translating customer letters\n\nUse the Polyglot Desk translator for customer letters. Polyglot Desk keeps the text inside the company.\n",
    ];

    private readonly string _knowledge = Directory.CreateTempSubdirectory("adoptionbot-knowledge-").FullName;
    private BotTestHost _host = null!;

    private string EditedFile => Path.Combine(_knowledge, "guidelines", "translation.md");

    public async Task InitializeAsync()
    {
        TestPaths.CopyFolder(TestPaths.TestData("BotKnowledge"), _knowledge);
        await File.WriteAllTextAsync(EditedFile, Versions[0]);
        _host = new BotTestHost(new Dictionary<string, string?> { ["Knowledge:Path"] = _knowledge });
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_knowledge, recursive: true);
    }

    [Fact]
    public async Task AFileEditedAndReindexedWhileQuestionsArrive_EveryAnswerComesFromOneVersion_AndTheLastWins()
    {
        var indexer = _host.Services.GetRequiredService<KnowledgeIndexer>();
        var initial = await AskAsync();
        Assert.Contains("Lingua Pro", initial.Text, StringComparison.Ordinal);

        using var stop = new CancellationTokenSource();
        var syncs = 0;
        var editor = Task.Run(async () =>
        {
            for (var round = 0; round < 12; round++)
            {
                if (round % 4 == 3)
                {
                    File.Delete(EditedFile);
                }
                else
                {
                    // Written in pieces, so a read can land on a half-written file.
                    var text = Versions[(round + 1) % 2];
                    await using (var stream = new FileStream(EditedFile, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
                    await using (var writer = new StreamWriter(stream))
                    {
                        await writer.WriteAsync(text[..(text.Length / 2)]);
                        await writer.FlushAsync();
                        var sync = indexer.TrySyncAsync(CancellationToken.None);
                        await Task.Delay(20);
                        await writer.WriteAsync(text[(text.Length / 2)..]);
                        await sync;
                    }
                }

                if (await indexer.TrySyncAsync(CancellationToken.None) is not null)
                {
                    Interlocked.Increment(ref syncs);
                }
            }

            await stop.CancelAsync();
        });

        var answers = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var askers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    answers.Add((await AskAsync()).Text);
                }
                catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
                {
                    failures.Add(ex.Message);
                }
            }
        })).ToList();
        await editor;
        await Task.WhenAll(askers);

        // The file ends on version 2 (round 11 writes it): one more sync after the last edit settles the index.
        await File.WriteAllTextAsync(EditedFile, Versions[1]);
        await indexer.TrySyncAsync(CancellationToken.None);
        var final = await AskAsync();

        Assert.Empty(failures);
        Assert.NotEmpty(answers);
        Assert.All(answers, text =>
        {
            Assert.DoesNotContain("something went wrong", text, StringComparison.OrdinalIgnoreCase);
            // One version per answer: never a sentence of one with the name of the other.
            Assert.False(text.Contains("Lingua Pro", StringComparison.Ordinal) && text.Contains("Polyglot Desk", StringComparison.Ordinal), text);
        });
        Assert.Contains("Polyglot Desk", final.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lingua Pro", final.Text, StringComparison.Ordinal);
        output.WriteLine($"{answers.Count} questions answered during {syncs} re-index runs: {answers.Count(a => a.Contains("Lingua Pro", StringComparison.Ordinal))} from version 1, {answers.Count(a => a.Contains("Polyglot Desk", StringComparison.Ordinal))} from version 2, {answers.Count(a => !a.Contains("Lingua Pro", StringComparison.Ordinal) && !a.Contains("Polyglot Desk", StringComparison.Ordinal))} while the file was gone.");
    }

    private async Task<SentActivity> AskAsync()
    {
        var activity = _host.Activity("personal-message.json", a => a["text"] = Question);
        return await _host.AskAsync(activity); // throws on any status other than 2xx
    }
}
