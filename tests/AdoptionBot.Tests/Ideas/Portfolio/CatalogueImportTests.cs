using AdoptionBot.Core;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Ideas.Portfolio;

/// <summary>
/// One portfolio: the catalogue files' rows are imported into the store at start-up, kept by their id and never
/// overwritten; where a changed file says otherwise, the differences are logged once per change; the catalogue search
/// and the idea page read the store.
/// </summary>
public sealed class CatalogueImportTests : IDisposable
{
    private readonly string _knowledge = Directory.CreateTempSubdirectory("adoptionbot-catalogue-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("adoptionbot-catalogue-data-").FullName;

    public CatalogueImportTests()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.TestData("BotKnowledge"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_knowledge, Path.GetRelativePath(TestPaths.TestData("BotKnowledge"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private string Catalogue => Path.Combine(_knowledge, "use-cases", "catalogue.csv");

    [Fact]
    public async Task StartUp_ImportsEveryRowAsAPublishedUseCase_ThatTheIdeaPageAndTheSearchFind()
    {
        await using var host = await StartAsync(new CapturingLoggerProvider());

        var stored = await host.QueryStoreAsync(db => db.Ideas.Where(i => i.Origin == IdeaOrigins.Catalogue).OrderBy(i => i.ExternalRef).ToListAsync());
        Assert.Equal(["UC-101", "UC-102"], stored.Select(i => i.ExternalRef));
        Assert.All(stored, i => Assert.True(i.Published));
        Assert.Equal([PipelineStages.Pilot, PipelineStages.ProofOfConcept], stored.Select(i => i.Status));
        Assert.Equal("Jonas Brandt", stored[0].OwnerName);
        Assert.Contains("warranty", stored[0].Facts, StringComparison.Ordinal);

        var page = ShownText.Joined(await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "idea uc-101")));
        Assert.Contains("UC-101 Warranty claim summariser", page, StringComparison.Ordinal);
        Assert.Contains("Jonas Brandt", page, StringComparison.Ordinal);

        var answer = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "is there a tool that summarises warranty claims?"));
        Assert.Contains(answer.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>() == "UC-101 — Warranty claim summariser");
    }

    [Fact]
    public async Task ChangedFile_NewRowsJoin_KeptRowsAreNotOverwritten_DifferencesLoggedOncePerChange()
    {
        await using (var first = await StartAsync(new CapturingLoggerProvider()))
        {
            // The portfolio office renames the use case in the bot: from now on the store is the source of truth.
            await first.QueryStoreAsync(async db =>
            {
                var kept = await db.Ideas.SingleAsync(i => i.ExternalRef == "UC-101");
                kept.Title = "Warranty claim assistant";
                await db.SaveChangesAsync();
                return 0;
            });
        }

        var lines = (await File.ReadAllLinesAsync(Catalogue)).ToList();
        lines[1] = lines[1].Replace("Warranty claim summariser", "Warranty claims summary tool", StringComparison.Ordinal).Replace(",pilot,", ",rollout,", StringComparison.Ordinal);
        lines.Add("UC-103,Paint defect spotter,\"Finds paint defects on photos from the paint shop.\",Production,idea,Pia Lorenz,paint; quality");
        await File.WriteAllLinesAsync(Catalogue, lines);

        var changed = new CapturingLoggerProvider();
        await using (var second = await StartAsync(changed))
        {
            // A restart serves the index it has at once and imports in the sync behind it.
            var stored = await Poll.ReadUntilAsync(
                () => second.QueryStoreAsync(db => db.Ideas.Where(i => i.ExternalRef != null).OrderBy(i => i.ExternalRef).ToListAsync()),
                ideas => ideas.Count == 3,
                TimeSpan.FromSeconds(30));
            Assert.Equal(["UC-101", "UC-102", "UC-103"], stored.Select(i => i.ExternalRef));
            Assert.Equal("Warranty claim assistant", stored[0].Title);
            Assert.Equal(PipelineStages.Pilot, stored[0].Status);
            Assert.Equal(PipelineStages.Submitted, stored[2].Status);
            Assert.True(stored[2].Published);
        }

        var difference = Assert.Single(changed.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("UC-101", StringComparison.Ordinal));
        Assert.Contains("title, stage", difference.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Warranty claims summary tool", difference.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(changed.Entries, e => e.Message.Contains("UC-102", StringComparison.Ordinal) && e.Level == LogLevel.Warning);

        var unchanged = new CapturingLoggerProvider();
        await using (var third = await StartAsync(unchanged))
        {
            var indexer = third.Services.GetRequiredService<AdoptionBot.Knowledge.Indexing.KnowledgeIndexer>();
            // A sync of its own (once the start-up one is done) has certainly passed the unchanged file to the import.
            await Poll.UntilAsync(async () => await indexer.TrySyncAsync(CancellationToken.None) is not null, TimeSpan.FromSeconds(30), () => "a sync to run");
        }

        Assert.DoesNotContain(unchanged.Entries, e => e.Message.Contains("UC-101", StringComparison.Ordinal));
    }

    private async Task<BotTestHost> StartAsync(CapturingLoggerProvider logs) =>
        await BotTestHost.StartAsync(
            new Dictionary<string, string?> { ["Knowledge:Path"] = _knowledge, ["Storage:DataPath"] = _data },
            services => services.AddSingleton<ILoggerProvider>(logs));

    public void Dispose()
    {
        Directory.Delete(_knowledge, recursive: true);
        Directory.Delete(_data, recursive: true);
    }
}
