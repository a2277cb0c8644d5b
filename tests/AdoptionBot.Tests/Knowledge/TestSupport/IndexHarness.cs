using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Knowledge.TestSupport;

/// <summary>The embedded index and its indexer over a test's knowledge folder, wired as the bot wires them.</summary>
public sealed class IndexHarness
{
    public IndexHarness(TempFolder folder, IEmbeddingGenerator<string, Embedding<float>> embeddings, int batchSize = 32)
    {
        Options = KnowledgeTestServices.Options(folder.Path, batchSize: batchSize);
        Index = new EmbeddedKnowledgeIndex(Options, embeddings);
        Indexer = new KnowledgeIndexer(
            KnowledgeTestServices.Scanner(Options, ScannerLogger),
            Index,
            embeddings,
            Options,
            new FakeTimeProvider(),
            IndexerLogger);
    }

    public IOptions<KnowledgeOptions> Options { get; }

    public EmbeddedKnowledgeIndex Index { get; }

    public KnowledgeIndexer Indexer { get; }

    public CapturingLogger<KnowledgeScanner> ScannerLogger { get; } = new();

    public CapturingLogger<KnowledgeIndexer> IndexerLogger { get; } = new();

    public async Task<IndexingReport> SyncAsync()
    {
        var report = await Indexer.TrySyncAsync(CancellationToken.None);
        Assert.NotNull(report);
        return report;
    }

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top = 10) =>
        Index.SearchAsync(query, top, CancellationToken.None);
}
