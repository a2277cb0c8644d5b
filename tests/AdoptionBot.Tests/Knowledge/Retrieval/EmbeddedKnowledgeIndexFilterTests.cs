using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Knowledge.TestSupport;

namespace AdoptionBot.Tests.Knowledge.Retrieval;

public sealed class EmbeddedKnowledgeIndexFilterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public EmbeddedKnowledgeIndexFilterTests()
    {
        _folder.Write("guides/claims.md", "# Warranty claims\n\nWarranty claims are checked by the assessors.\n");
        _folder.Write(
            "use-cases/catalogue.csv",
            "id,title,summary,business_unit,stage,owner\n"
            + "UC-101,Warranty claim summariser,Summarises warranty claims,After-sales,pilot,Jana Weber\n"
            + "UC-102,Claim risk radar,Watches warranty claims for supplier risks,Purchasing,poc,Lena Vogt\n");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SearchAsync_WithKindsAndBusinessUnit_ReturnsOnlyMatchingChunks()
    {
        var harness = new IndexHarness(_folder, new HashingEmbeddingGenerator());
        await harness.SyncAsync();

        var passages = await harness.Index.SearchAsync("warranty claims", 10, new KnowledgeFilter([SourceKind.UseCase], "Purchasing"), CancellationToken.None);

        Assert.Equal("UC-102", Assert.Single(passages).Chunk.SourceId);
    }

    [Fact]
    public async Task SearchAsync_WithAQuotePayloadAsBusinessUnit_FindsNothing()
    {
        var harness = new IndexHarness(_folder, new HashingEmbeddingGenerator());
        await harness.SyncAsync();

        var passages = await harness.Index.SearchAsync("warranty claims", 10, new KnowledgeFilter([], "x' or '1'='1"), CancellationToken.None);

        Assert.Empty(passages);
    }
}
