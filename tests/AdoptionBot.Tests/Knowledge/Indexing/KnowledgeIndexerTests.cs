using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Knowledge.TestSupport;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Knowledge.Indexing;

public sealed class KnowledgeIndexerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly HashingEmbeddingGenerator _embeddings = new();

    public KnowledgeIndexerTests()
    {
        _folder.Write("guides/fleet.md", "# Company cars\n\nThe car fleet policy covers leasing and fuel cards.\n");
        _folder.Write("guides/badges.md", "# Badge printers\n\nBadge printers are refilled on Mondays.\n");
        _folder.Write("use-cases/catalogue.csv", "id,title,summary,business_unit,stage,owner\nUC-101,Warranty claim summariser,Summarises warranty claims,After-sales,pilot,Jana Weber\n");
    }

    [Fact]
    public async Task TrySyncAsync_EmptyIndex_EmbedsEveryFileAndPublishes()
    {
        var harness = new IndexHarness(_folder, _embeddings);

        var report = await harness.SyncAsync();

        Assert.Equal(3, report.Files);
        Assert.Equal(3, report.Reindexed);
        Assert.Equal(0, report.Removed);
        Assert.InRange(report.SentencesEmbedded, report.ChunksEmbedded, int.MaxValue);
        Assert.Equal(_embeddings.EmbeddedTexts.Count, report.ChunksEmbedded + report.SentencesEmbedded);
        Assert.True(harness.Index.IsReady);
        Assert.Equal(report.ChunksEmbedded, harness.Index.ChunkCount);
    }

    [Fact]
    public async Task TrySyncAsync_SecondRunWithUnchangedFiles_EmbedsNothing()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();
        var callsAfterFirstSync = _embeddings.Calls;

        var report = await harness.SyncAsync();

        Assert.Equal(callsAfterFirstSync, _embeddings.Calls);
        Assert.Equal(0, report.Reindexed);
        Assert.Equal(0, report.ChunksEmbedded);
        Assert.Equal(3, report.Files);
    }

    [Fact]
    public async Task TrySyncAsync_NewIndexInstanceOverSameFile_EmbedsNothing()
    {
        await new IndexHarness(_folder, _embeddings).SyncAsync();
        var callsAfterFirstSync = _embeddings.Calls;
        var restarted = new IndexHarness(_folder, _embeddings);

        var report = await restarted.SyncAsync();

        Assert.Equal(callsAfterFirstSync, _embeddings.Calls);
        Assert.Equal(0, report.Reindexed);
        Assert.NotEmpty(await restarted.SearchAsync("car fleet"));
    }

    [Fact]
    public async Task TrySyncAsync_OneFileChanged_ReembedsOnlyThatFilesChunks()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();
        var embeddedBefore = _embeddings.EmbeddedTexts.Count;
        _folder.Write("guides/fleet.md", "# Company cars\n\nElectric pool cars are booked in the fleet portal.\n");

        var report = await harness.SyncAsync();

        var embeddedBySecondSync = _embeddings.EmbeddedTexts.Skip(embeddedBefore).ToList();
        Assert.Equal(1, report.Reindexed);
        Assert.Equal(["Company cars. Electric pool cars are booked in the fleet portal.", "Company cars: Electric pool cars are booked in the fleet portal."], embeddedBySecondSync);
        var passages = await harness.SearchAsync("electric pool cars");
        Assert.Contains("Electric pool cars", passages[0].Chunk.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(passages, p => p.Chunk.Text.Contains("leasing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrySyncAsync_FileDeleted_ItsChunksLeaveSearchResults()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();
        Assert.Contains(await harness.SearchAsync("badge printers"), p => p.Chunk.FilePath == "guides/badges.md");
        _folder.Delete("guides/badges.md");

        var report = await harness.SyncAsync();

        Assert.Equal(1, report.Removed);
        Assert.Equal(0, report.ChunksEmbedded);
        Assert.DoesNotContain(await harness.SearchAsync("badge printers"), p => p.Chunk.FilePath == "guides/badges.md");
    }

    [Fact]
    public async Task TrySyncAsync_EmbeddingModelChanged_RebuildsEveryFile()
    {
        await new IndexHarness(_folder, _embeddings).SyncAsync();
        var newModel = new HashingEmbeddingGenerator("another-test-model");
        var harness = new IndexHarness(_folder, newModel);

        var report = await harness.SyncAsync();

        Assert.Equal(3, report.Reindexed);
        Assert.Equal(report.ChunksEmbedded + report.SentencesEmbedded, newModel.EmbeddedTexts.Count);
        Assert.Equal(report.ChunksEmbedded, harness.Index.ChunkCount);
    }

    [Fact]
    public async Task TrySyncAsync_FileWithMoreChunksThanBatchSize_EmbedsInBatches()
    {
        using var folder = new TempFolder();
        folder.Write("long.md", "# Long\n\n" + string.Join("\n\n", Enumerable.Range(0, 5).Select(i => $"## Part {i}\n\nText of part {i}.")));
        var harness = new IndexHarness(folder, _embeddings, batchSize: 2);

        var report = await harness.SyncAsync();

        Assert.Equal(5, report.ChunksEmbedded);
        Assert.Equal(5, report.SentencesEmbedded);
        Assert.Equal(6, _embeddings.Calls); // three batches of chunks, three of their sentences
    }

    [Fact]
    public async Task SearchAsync_AfterASync_GivesEverySentenceOfAPassageItsRelevance_TheMatchingOneHighest()
    {
        using var folder = new TempFolder();
        folder.Write("guides/board.md", "# Board\n\nThe board steers the portfolio. It meets every second Tuesday in room 4. Minutes are kept by the office.\n");
        var harness = new IndexHarness(folder, _embeddings);
        await harness.SyncAsync();

        var passage = Assert.Single(await harness.SearchAsync("meets every second Tuesday in room 4"));

        Assert.Equal(3, passage.SentenceRelevance.Count);
        Assert.Equal(1, passage.SentenceRelevance.Select((r, i) => (r, i)).MaxBy(p => p.r).i);
        Assert.All(passage.SentenceRelevance, r => Assert.InRange(r, -1.0001, 1.0001));
    }

    [Fact]
    public async Task TrySyncAsync_WhileASyncRuns_ReturnsNullAtOnce()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _embeddings.BeforeGenerate = async _ =>
        {
            entered.TrySetResult();
            await release.Task;
        };
        var running = harness.Indexer.TrySyncAsync(CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await harness.Indexer.TrySyncAsync(CancellationToken.None);

        Assert.Null(second);
        Assert.True(harness.Indexer.IsRunning);
        release.SetResult();
        Assert.NotNull(await running);
        Assert.False(harness.Indexer.IsRunning);
    }

    [Fact]
    public async Task TrySyncAsync_ExternalEntries_LeftInPlace()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        var idea = new KnowledgeChunk("@ideas/7#0", "IDEA-7", "@ideas/7", SourceKind.Idea, "Idea 7 — Tyre wear predictor", "", "Predicts tyre wear from photos.", "https://example.test/ideas/7");
        var vector = (await _embeddings.GenerateAsync([idea.EmbeddingText]))[0].Vector;
        await harness.Index.GetFileHashesAsync(HashingEmbeddingGenerator.DefaultModelId, CancellationToken.None);
        await harness.Index.ReplaceFileAsync("@ideas/7", "v1", [new EmbeddedChunk(idea, vector)], CancellationToken.None);

        var report = await harness.SyncAsync();

        Assert.Equal(0, report.Removed);
        Assert.Contains(await harness.SearchAsync("tyre wear"), p => p.Chunk.SourceId == "IDEA-7");
    }

    [Fact]
    public async Task TrySyncAsync_Run_LogsOneSummaryLine()
    {
        var harness = new IndexHarness(_folder, _embeddings);

        await harness.SyncAsync();

        var summary = Assert.Single(harness.IndexerLogger.Entries);
        Assert.Equal(LogLevel.Information, summary.Level);
        Assert.Contains("3 files, 3 re-indexed, 0 removed", summary.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _embeddings.Dispose();
        _folder.Dispose();
    }
}
