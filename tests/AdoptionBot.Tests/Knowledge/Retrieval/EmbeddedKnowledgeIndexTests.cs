using AdoptionBot.Tests.Knowledge.TestSupport;

namespace AdoptionBot.Tests.Knowledge.Retrieval;

public sealed class EmbeddedKnowledgeIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // "automobile" means "car" to the stand-in model; words with digits (codes) are invisible to it.
    private readonly HashingEmbeddingGenerator _embeddings = new(synonyms: new Dictionary<string, string> { ["automobile"] = "car" });

    public EmbeddedKnowledgeIndexTests()
    {
        _folder.Write("fleet.md", "# Company vehicles\n\nThe car fleet policy covers leasing and fuel cards.\n");
        _folder.Write("badges.md", "# Badge printers\n\nReference code ZX9 unlocks the printer queue.\n");
        _folder.Write("canteen.md", "# Canteen\n\nThe canteen menu changes every week.\n");
        _folder.Write("parking.md", "# Visitors\n\nVisitors park in the south lot.\n");
    }

    [Fact]
    public async Task SearchAsync_BeforeAnySync_NotReadyAndEmpty()
    {
        var harness = new IndexHarness(_folder, _embeddings);

        var passages = await harness.SearchAsync("car fleet");

        Assert.False(harness.Index.IsReady);
        Assert.Empty(passages);
    }

    [Fact]
    public async Task SearchAsync_BlankQuery_Empty()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();

        Assert.Empty(await harness.SearchAsync("   "));
    }

    [Fact]
    public async Task SearchAsync_MatchingWords_BestChunkFirstWithItsMetadata()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();

        var passages = await harness.SearchAsync("canteen menu");

        var best = passages[0];
        Assert.Equal("canteen.md", best.Chunk.FilePath);
        Assert.Equal("Canteen", best.Chunk.Title);
        Assert.Equal("The canteen menu changes every week.", best.Chunk.Text);
        Assert.Equal("", best.Chunk.Url);
        Assert.True(best.Relevance > passages[1].Relevance);
    }

    [Fact]
    public async Task SearchAsync_LexicalOnlyAndDenseOnlyMatches_BothRankAboveUnrelatedChunks()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();

        // "ZX9" is found only by its word (the model cannot see it); "automobile" only by meaning (no chunk has the word).
        var passages = await harness.SearchAsync("automobile ZX9");

        Assert.Equal(["badges.md", "fleet.md"], passages.Take(2).Select(p => p.Chunk.FilePath));
        var lexicalOnly = passages[0];
        var denseOnly = passages[1];
        Assert.Equal(0, lexicalOnly.Relevance, precision: 6);
        Assert.True(denseOnly.Relevance > 0.2, $"relevance {denseOnly.Relevance}");
        Assert.DoesNotContain("automobile", denseOnly.Chunk.EmbeddingText, StringComparison.OrdinalIgnoreCase);
        Assert.All(passages.Skip(2), p => Assert.True(p.Score < denseOnly.Score));
    }

    [Fact]
    public async Task SearchAsync_Top_LimitsTheNumberOfPassages()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();

        var passages = await harness.SearchAsync("the car fleet and the canteen menu", top: 2);

        Assert.Equal(2, passages.Count);
    }

    [Fact]
    public async Task SearchAsync_QueryWithFtsOperators_StillAnswers()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();

        var passages = await harness.SearchAsync("\"NEAR(\" OR AND * canteen");

        Assert.Equal("canteen.md", passages[0].Chunk.FilePath);
    }

    [Fact]
    public async Task SearchAsync_DuringSync_AnswersFromPreviousSnapshotUntilPublished()
    {
        var harness = new IndexHarness(_folder, _embeddings);
        await harness.SyncAsync();
        // badges.md is written before fleet.md (path order), so when fleet.md's embedding is held, badges.md is already replaced on disk.
        _folder.Write("badges.md", "# Badge printers\n\nBadge printers now need a turbine token.\n");
        _folder.Write("fleet.md", "# Company vehicles\n\nThe car fleet is all electric now.\n");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _embeddings.BeforeGenerate = async texts =>
        {
            if (texts.Any(t => t.Contains("electric", StringComparison.Ordinal)))
            {
                entered.TrySetResult();
                await release.Task;
            }
        };
        var sync = harness.Indexer.TrySyncAsync(CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var duringOld = await harness.SearchAsync("ZX9 printer queue");
        var duringNew = await harness.SearchAsync("turbine token");
        release.SetResult();
        await sync;
        var afterNew = await harness.SearchAsync("turbine token");

        Assert.Contains("ZX9", duringOld[0].Chunk.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(duringNew, p => p.Chunk.Text.Contains("turbine", StringComparison.Ordinal));
        Assert.Contains("turbine", afterNew[0].Chunk.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(afterNew, p => p.Chunk.Text.Contains("ZX9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TryLoadExistingAsync_IndexFileFromEarlierRun_ServesItWithoutSync()
    {
        await new IndexHarness(_folder, _embeddings).SyncAsync();
        var restarted = new IndexHarness(_folder, _embeddings);

        var loaded = await restarted.Index.TryLoadExistingAsync(CancellationToken.None);

        Assert.True(loaded);
        Assert.True(restarted.Index.IsReady);
        Assert.Equal("canteen.md", (await restarted.SearchAsync("canteen menu"))[0].Chunk.FilePath);
    }

    [Fact]
    public async Task TryLoadExistingAsync_NoEarlierRun_FalseAndNotReady()
    {
        var harness = new IndexHarness(_folder, _embeddings);

        var loaded = await harness.Index.TryLoadExistingAsync(CancellationToken.None);

        Assert.False(loaded);
        Assert.False(harness.Index.IsReady);
    }

    public void Dispose()
    {
        _embeddings.Dispose();
        _folder.Dispose();
    }
}
