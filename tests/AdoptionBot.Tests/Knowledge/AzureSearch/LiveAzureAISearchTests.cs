using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.AzureSearch;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Knowledge.TestSupport;
using Azure;
using Azure.Search.Documents.Indexes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>The same index code against a real service (opt-in, see <see cref="LiveAzureSearchFactAttribute"/>).</summary>
public sealed class LiveAzureAISearchTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [LiveAzureSearchFact]
    public async Task Sync_Search_Filter_AndRemove_AgainstTheRealService()
    {
        _folder.Write("guides/fleet.md", "# Company cars\n\nThe car fleet policy covers leasing and fuel cards.\n");
        _folder.Write("guides/O'Brien.md", "# Badge printers\n\nBadge printers are refilled on Mondays.\n");
        _folder.Write("use-cases/catalogue.csv", "id,title,summary,business_unit,stage,owner\nUC-101,Warranty claim summariser,Summarises warranty claims,After-sales,pilot,Jana Weber\n");
        var options = KnowledgeTestServices.Options(_folder.Path);
        options.Value.Index = KnowledgeIndexKind.AzureAISearch;
        options.Value.AzureAISearch = LiveAzureSearchFactAttribute.Options();
        var services = new ServiceCollection();
        services.AddHttpClient(AzureAISearchClients.HttpClientName);
        var clients = new AzureAISearchClients(options, services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), new People.StaticTokenCredential());
        var embeddings = new HashingEmbeddingGenerator();
        var index = new AzureAISearchIndex(clients, embeddings, options, TimeProvider.System, NullLogger<AzureAISearchIndex>.Instance);
        var indexer = new KnowledgeIndexer(KnowledgeTestServices.Scanner(options), index, embeddings, options, new FakeTimeProvider(), NullLogger<KnowledgeIndexer>.Instance);
        try
        {
            await indexer.TrySyncAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(2));

            var passages = await index.SearchAsync("car fleet policy", 3, CancellationToken.None);
            var filtered = await index.SearchAsync("warranty claims", 3, new KnowledgeFilter([SourceKind.UseCase], "x' or businessUnit ne 'x"), CancellationToken.None);
            _folder.Delete("guides/O'Brien.md");
            var report = await indexer.TrySyncAsync(CancellationToken.None);

            Assert.Equal("guides/fleet.md", passages[0].Chunk.FilePath);
            Assert.Empty(filtered);
            Assert.Equal(1, report!.Removed);
            Assert.Equal(["After-sales"], await index.GetBusinessUnitsAsync(CancellationToken.None));
        }
        finally
        {
            try
            {
                await clients.Indexes.DeleteIndexAsync(clients.IndexName);
            }
            catch (RequestFailedException)
            {
            }
        }
    }
}
