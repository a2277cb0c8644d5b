using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;

namespace AdoptionBot.Tests.Knowledge.Indexing;

public sealed class DocumentChunkerTests
{
    private const string BaseUrl = "https://nordhafen.sharepoint.com/sites/genai/Knowledge";
    private static readonly string KnowledgeRoot = Path.Combine(Path.GetTempPath(), "knowledge-root");

    private static readonly UseCase Warranty = new(
        "UC-101",
        "Warranty claim summariser",
        "Summarises warranty claims",
        "After-sales",
        "pilot",
        "Jana Weber",
        [new("tools", "Copilot"), new("expected_saving", "2,000 hours a year")],
        "Pilot runs in three dealerships.");

    [Fact]
    public void Chunk_TwoShortSections_OneChunkEachNeverMixed()
    {
        var document = new ParsedDocument("Guide", [
            new DocumentSection(["Data protection"], ["Never paste customer data.", "Remove names."]),
            new DocumentSection(["Prompting"], ["Keep prompts short."]),
        ]);

        var chunks = Chunker().Chunk("guides/guide.md", document);

        Assert.Equal(["Never paste customer data.\nRemove names.", "Keep prompts short."], chunks.Select(c => c.Text));
        Assert.Equal(["Data protection", "Prompting"], chunks.Select(c => c.HeadingPath));
    }

    [Fact]
    public void Chunk_NestedHeadings_HeadingPathKeptOutermostFirst()
    {
        var document = new ParsedDocument("Guide", [new DocumentSection(["Data protection", "Approved tools"], ["Copilot Chat is approved."])]);

        var chunk = Assert.Single(Chunker().Chunk("guides/guide.md", document));

        Assert.Equal("Data protection › Approved tools", chunk.HeadingPath);
        Assert.Equal("Guide", chunk.Title);
        Assert.Equal("Guide › Data protection › Approved tools. Copilot Chat is approved.", chunk.EmbeddingText);
    }

    [Fact]
    public void Chunk_LongSection_SplitBetweenBlocksNearTargetSize()
    {
        var blocks = Enumerable.Range(1, 12).Select(i => $"Block {i:D2} " + new string('x', 190)).ToList();
        var document = new ParsedDocument("Guide", [new DocumentSection(["Long"], blocks)]);

        var chunks = Chunker().Chunk("guides/long.md", document);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, DocumentChunker.TargetChars));
        Assert.All(chunks.SkipLast(1), c => Assert.True(c.Text.Length > DocumentChunker.TargetChars * 2 / 3, $"chunk of {c.Text.Length} chars"));
        Assert.Equal(blocks, chunks.SelectMany(c => c.Text.Split('\n')));
        Assert.All(chunks, c => Assert.Equal("Long", c.HeadingPath));
    }

    [Fact]
    public void Chunk_BlockLongerThanTarget_StandsAloneUncut()
    {
        var huge = new string('y', DocumentChunker.TargetChars + 300);
        var document = new ParsedDocument("Guide", [new DocumentSection([], ["Before.", huge, "After."])]);

        var chunks = Chunker().Chunk("guides/huge.md", document);

        Assert.Equal(["Before.", huge, "After."], chunks.Select(c => c.Text));
    }

    [Fact]
    public void Chunk_Guideline_KeysAreUniqueAndNameTheFile()
    {
        var document = new ParsedDocument("Guide", [
            new DocumentSection(["A"], ["One."]),
            new DocumentSection(["B"], ["Two."]),
        ]);

        var chunks = Chunker().Chunk("guides/guide.md", document);

        Assert.Equal(["guides/guide.md#0", "guides/guide.md#1"], chunks.Select(c => c.ChunkKey));
        Assert.All(chunks, c => Assert.Equal("guides/guide.md", c.SourceId));
        Assert.All(chunks, c => Assert.Equal(SourceKind.Guideline, c.Kind));
    }

    [Fact]
    public void Chunk_DocumentWithoutTitle_TitleIsFileName()
    {
        var document = new ParsedDocument(null, [new DocumentSection([], ["Text."])]);

        var chunk = Assert.Single(Chunker().Chunk("guides/shop-floor-rules.pdf", document));

        Assert.Equal("shop-floor-rules", chunk.Title);
    }

    [Fact]
    public void Chunk_UseCase_OneChunkCitedAsIdDashTitleWithFacts()
    {
        var chunk = Chunker().Chunk("use-cases/catalogue.csv", Warranty);

        Assert.Equal("UC-101 — Warranty claim summariser", chunk.Title);
        Assert.Equal(SourceKind.UseCase, chunk.Kind);
        Assert.Equal("UC-101", chunk.SourceId);
        Assert.Equal("UC-101#0", chunk.ChunkKey);
        Assert.Equal("", chunk.HeadingPath);
        Assert.Equal("After-sales", chunk.BusinessUnit);
        Assert.Equal("pilot", chunk.Stage);
        Assert.Equal(
            "UC-101 Warranty claim summariser: Summarises warranty claims.\n" +
            "Business unit: After-sales. Stage: Pilot. Owner: Jana Weber.\n" +
            "Tools: Copilot.\n" +
            "Expected saving: 2,000 hours a year.\n" +
            "Pilot runs in three dealerships.",
            chunk.Text);
    }

    [Fact]
    public void Chunk_UseCase_KeywordsCarryIdUnitStageAndTools()
    {
        var chunk = Chunker().Chunk("use-cases/catalogue.csv", Warranty);

        Assert.Equal("UC-101 After-sales Pilot Copilot", chunk.Keywords);
    }

    [Fact]
    public void Chunk_WithBaseUrl_LinkIsBaseUrlPathAndHeadingAnchor()
    {
        var document = new ParsedDocument("Guide", [new DocumentSection(["Data protection", "Approved tools (2025)"], ["Text."])]);

        var chunk = Assert.Single(Chunker(BaseUrl + "/").Chunk("guides/data rules.md", document));

        Assert.Equal(BaseUrl + "/guides/data%20rules.md#approved-tools-2025", chunk.Url);
    }

    [Fact]
    public void Chunk_SectionWithoutHeading_LinkHasNoAnchor()
    {
        var document = new ParsedDocument("Guide", [new DocumentSection([], ["Text."])]);

        var chunk = Assert.Single(Chunker(BaseUrl).Chunk("guide.md", document));

        Assert.Equal(BaseUrl + "/guide.md", chunk.Url);
    }

    [Fact]
    public void Chunk_UseCaseWithBaseUrl_LinkAnchorsTheLowerCaseId()
    {
        var chunk = Chunker(BaseUrl).Chunk("use-cases/catalogue.csv", Warranty);

        Assert.Equal(BaseUrl + "/use-cases/catalogue.csv#uc-101", chunk.Url);
    }

    [Fact]
    public void Chunk_WithoutBaseUrl_NoLinkButTitleAndHeading()
    {
        var document = new ParsedDocument("Guide", [new DocumentSection(["Approved tools"], ["Text."])]);

        var chunk = Assert.Single(Chunker().Chunk("guides/guide.md", document));

        Assert.Equal("", chunk.Url);
        Assert.Equal("Guide", chunk.Title);
        Assert.Equal("Approved tools", chunk.HeadingPath);
    }

    [Fact]
    public void Chunk_UseCaseWithoutBaseUrl_NoLink()
    {
        var chunk = Chunker().Chunk("use-cases/catalogue.csv", Warranty);

        Assert.Equal("", chunk.Url);
    }

    private static DocumentChunker Chunker(string? baseUrl = null) =>
        new(new SourceLinks(KnowledgeTestServices.Options(KnowledgeRoot, sourceBaseUrl: baseUrl)));
}
