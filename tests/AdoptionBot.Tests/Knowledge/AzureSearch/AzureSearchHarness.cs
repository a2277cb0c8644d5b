using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.AzureSearch;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Knowledge.TestSupport;
using Azure.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>
/// The Azure AI Search index and the indexer over a test's knowledge folder, wired as the bot wires them, with the
/// real SDK clients talking to a <see cref="StandInAzureSearch"/> through the named HTTP client.
/// </summary>
public sealed class AzureSearchHarness
{
    public const string IndexName = "knowledge-test";

    public AzureSearchHarness(
        StandInAzureSearch service,
        TempFolder folder,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        Action<AzureAISearchOptions>? configure = null,
        TokenCredential? credential = null,
        Func<IOptions<KnowledgeOptions>, IKnowledgeWriteLease>? writeLease = null)
    {
        var options = KnowledgeTestServices.Options(folder.Path);
        options.Value.Index = KnowledgeIndexKind.AzureAISearch;
        options.Value.AzureAISearch = new AzureAISearchOptions { Endpoint = service.Endpoint, IndexName = IndexName, ApiKey = StandInAzureSearch.ApiKeyValue };
        configure?.Invoke(options.Value.AzureAISearch);
        Options = options;

        var services = new ServiceCollection();
        services.AddHttpClient(AzureAISearchClients.HttpClientName).ConfigurePrimaryHttpMessageHandler(service.CreateTrustingHandler);
        var httpClients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var clients = new AzureAISearchClients(options, httpClients, credential ?? new People.StaticTokenCredential());
        Index = new AzureAISearchIndex(clients, embeddings, options, Time, NullLogger<AzureAISearchIndex>.Instance);
        Indexer = new KnowledgeIndexer(KnowledgeTestServices.Scanner(options), Index, embeddings, options, Time, NullLogger<KnowledgeIndexer>.Instance, writeLease?.Invoke(options));
    }

    public IOptions<KnowledgeOptions> Options { get; }

    public FakeTimeProvider Time { get; } = new();

    public AzureAISearchIndex Index { get; }

    public KnowledgeIndexer Indexer { get; }

    public async Task<IndexingReport> SyncAsync()
    {
        var report = await Indexer.TrySyncAsync(CancellationToken.None);
        Assert.NotNull(report);
        return report;
    }

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top = 10) => Index.SearchAsync(query, top, CancellationToken.None);
}
