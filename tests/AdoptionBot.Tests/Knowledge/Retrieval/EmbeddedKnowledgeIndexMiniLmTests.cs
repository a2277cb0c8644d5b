using AdoptionBot.Knowledge.Embeddings;
using AdoptionBot.Tests.Knowledge.TestSupport;
using Microsoft.Extensions.AI;

namespace AdoptionBot.Tests.Knowledge.Retrieval;

/// <summary>The embedded index with the real local MiniLM model over a few tiny documents.</summary>
public sealed class EmbeddedKnowledgeIndexMiniLmTests : IClassFixture<EmbeddedKnowledgeIndexMiniLmTests.MiniLmIndex>
{
    private readonly MiniLmIndex _index;

    public EmbeddedKnowledgeIndexMiniLmTests(MiniLmIndex index) => _index = index;

    [Fact]
    public async Task GenerateAsync_Sentence_NormalisedVectorOfModelDimensions()
    {
        var embeddings = await _index.Embeddings.GenerateAsync(["Warranty claims are summarised."]);

        var vector = Assert.Single(embeddings).Vector.ToArray();
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), precision: 3);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, _index.Embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Theory]
    [InlineData("Can I paste customer personal information into ChatGPT?", "data-protection.md")]
    [InlineData("Who pays for my train ticket when I visit a supplier?", "travel.md")]
    [InlineData("Which camera system finds scratches in the paint?", "use-cases/catalogue.csv")]
    [InlineData("Where do I get reimbursed for a train ride?", "travel.md")]
    public async Task SearchAsync_QuestionInOtherWords_FindsTheDocumentThatAnswersIt(string question, string expectedFile)
    {
        var passages = await _index.Harness.SearchAsync(question);

        Assert.Equal(expectedFile, passages[0].Chunk.FilePath);
    }

    [Fact]
    public async Task SearchAsync_RelatedQuestion_MoreRelevantThanUnrelatedDocuments()
    {
        var passages = await _index.Harness.SearchAsync("Is it allowed to share client data with public AI chatbots?");

        var best = passages[0];
        Assert.Equal("data-protection.md", best.Chunk.FilePath);
        Assert.All(passages.Skip(1), p => Assert.True(p.Relevance < best.Relevance));
        Assert.InRange(best.Relevance, 0.3, 1.0);
    }

    [Fact]
    public async Task SearchAsync_UnrelatedQuestion_FarLessRelevantThanARelatedOne()
    {
        var related = await _index.Harness.SearchAsync("Can I paste customer personal information into ChatGPT?");

        var unrelated = await _index.Harness.SearchAsync("What is the recipe for apple strudel?");

        Assert.All(unrelated, p => Assert.True(p.Relevance < related[0].Relevance / 2, $"{p.Chunk.FilePath}: {p.Relevance} vs {related[0].Relevance}"));
    }

    /// <summary>Loads the model and indexes the documents once for the class; the model takes a few seconds to load.</summary>
    public sealed class MiniLmIndex : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();

        public MiniLmEmbeddingGenerator Embeddings { get; } = new();

        public IndexHarness Harness { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _folder.Write("data-protection.md", "# Data protection\n\nNever enter customer names, addresses or other personal data into public AI tools such as ChatGPT.\n");
            _folder.Write("travel.md", "# Business travel\n\nRail and flight costs for trips to suppliers are booked and paid by the travel office.\n");
            _folder.Write("canteen.md", "# Canteen\n\nThe canteen serves lunch between 11:30 and 14:00.\n");
            _folder.Write("use-cases/catalogue.csv", "id,title,summary,business_unit,stage,owner\nUC-102,Paint defect spotter,Detects paint defects in line camera images,Manufacturing,poc,Ole Hansen\n");
            Harness = new IndexHarness(_folder, Embeddings);
            await Harness.SyncAsync();
        }

        public Task DisposeAsync()
        {
            Embeddings.Dispose();
            _folder.Dispose();
            return Task.CompletedTask;
        }
    }
}
