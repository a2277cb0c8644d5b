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

    [Fact]
    public async Task SearchAsync_IdeasOfATenant_AreFoundOnlyFromThatTenant_TheFilesFromEvery()
    {
        var harness = new IndexHarness(_folder, new HashingEmbeddingGenerator());
        await harness.SyncAsync();
        await AddIdeaAsync(harness, "IDEA-7", "Warranty claims tyre wear predictor", "72f988bf-0000-4000-8000-000000000001");

        var home = await harness.Index.SearchAsync("warranty claims tyre wear", 10, KnowledgeFilter.For("72F988BF-0000-4000-8000-000000000001"), CancellationToken.None);
        var other = await harness.Index.SearchAsync("warranty claims tyre wear", 10, KnowledgeFilter.For("0e0e0e0e-2222-4333-8444-555555555555"), CancellationToken.None);
        var noTenant = await harness.Index.SearchAsync("warranty claims tyre wear", 10, CancellationToken.None);
        var similarFromOther = await harness.Index.SearchAsync("warranty claims tyre wear", 10, new KnowledgeFilter([SourceKind.Idea], null, "0e0e0e0e-2222-4333-8444-555555555555"), CancellationToken.None);

        Assert.Contains(home, p => p.Chunk.SourceId == "IDEA-7");
        Assert.Contains(home, p => p.Chunk.SourceId == "UC-101");
        Assert.DoesNotContain(other, p => p.Chunk.SourceId == "IDEA-7");
        Assert.Contains(other, p => p.Chunk.SourceId == "UC-101");
        Assert.DoesNotContain(noTenant, p => p.Chunk.SourceId == "IDEA-7");
        Assert.Empty(similarFromOther);
    }

    [Fact]
    public async Task TryLoadExistingAsync_IndexOfTheLayoutWithoutTenants_IsNotServedButRebuilt()
    {
        var harness = new IndexHarness(_folder, new HashingEmbeddingGenerator());
        await harness.SyncAsync();
        await AddIdeaAsync(harness, "IDEA-8", "Warranty claims tyre wear predictor", "72f988bf-0000-4000-8000-000000000001");
        // What an index of the first layout looks like: no tenant on its chunks, schema 1.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + harness.Options.Value.ResolvedIndexFile))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE chunks DROP COLUMN tenant; UPDATE meta SET value = '1' WHERE key = 'schema';";
            await command.ExecuteNonQueryAsync();
        }

        var restarted = new IndexHarness(_folder, new HashingEmbeddingGenerator());
        var served = await restarted.Index.TryLoadExistingAsync(CancellationToken.None);
        var report = await restarted.SyncAsync();

        Assert.False(served);
        Assert.Equal(2, report.Reindexed);
        Assert.Contains(await restarted.Index.SearchAsync("warranty claims", 10, CancellationToken.None), p => p.Chunk.SourceId == "UC-101");
        Assert.DoesNotContain(await restarted.Index.SearchAsync("tyre wear predictor", 10, CancellationToken.None), p => p.Chunk.SourceId == "IDEA-8");
    }

    private static async Task AddIdeaAsync(IndexHarness harness, string id, string title, string tenant)
    {
        var idea = new KnowledgeChunk($"@ideas/{id}#0", id, $"@ideas/{id}", SourceKind.Idea, $"{id} — {title}", "", title + ".", "", "Purchasing", "poc", Tenant: tenant);
        var vector = (await new HashingEmbeddingGenerator().GenerateAsync([idea.EmbeddingText]))[0].Vector;
        await harness.Index.ReplaceFileAsync($"@ideas/{id}", "v1", [new EmbeddedChunk(idea, vector)], CancellationToken.None);
        await harness.Index.PublishAsync(CancellationToken.None);
    }
}
