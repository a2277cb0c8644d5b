using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.Indexing;

public sealed class KnowledgeScannerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CapturingLogger<KnowledgeScanner> _logger = new();
    private readonly KnowledgeScanner _scanner;

    public KnowledgeScannerTests()
    {
        _folder.CopyTestData("guideline.md", "guides/guideline.md");
        _folder.CopyTestData("corrupt.pdf", "guides/broken.pdf");
        _folder.CopyTestData("use-cases/catalogue.csv", "use-cases/catalogue.csv");
        _folder.CopyTestData("use-cases/UC-201.md", "use-cases/UC-201.md");
        _folder.Write("README.md", "# How to edit the knowledge base\n\nNot part of the answers.\n");
        _folder.Write("guides/README.md", "# Folder notes\n\nNot part of the answers either.\n");
        _folder.Write(".drafts/unpublished.md", "# Draft\n\nUnpublished draft text.\n");
        _folder.Write("guides/diagram.vsdx", "not a supported format");
        _folder.Write("use-cases/notes.txt", "Catalogue notes are not use cases.\n");
        _scanner = KnowledgeTestServices.Scanner(KnowledgeTestServices.Options(_folder.Path), _logger);
    }

    [Fact]
    public void FindFiles_MixedFolder_ListsKnowledgeFilesOnlyInPathOrder()
    {
        var files = _scanner.FindFiles();

        Assert.Equal(
            ["guides/broken.pdf", "guides/guideline.md", "use-cases/UC-201.md", "use-cases/catalogue.csv"],
            files.Select(f => f.RelativePath));
    }

    [Fact]
    public void FindFiles_SameBytes_SameHashAndChangedBytes_NewHash()
    {
        var before = _scanner.FindFiles().Single(f => f.RelativePath == "guides/guideline.md").ContentHash;
        var unchanged = _scanner.FindFiles().Single(f => f.RelativePath == "guides/guideline.md").ContentHash;
        File.AppendAllText(_folder.File("guides/guideline.md"), "\nOne more line.\n");

        var changed = _scanner.FindFiles().Single(f => f.RelativePath == "guides/guideline.md").ContentHash;

        Assert.Equal(before, unchanged);
        Assert.NotEqual(before, changed);
    }

    [Fact]
    public async Task ReadChunksAsync_WholeFolder_GoodContentComesThroughAndEachBadFileLogsOneWarning()
    {
        var chunksByFile = new Dictionary<string, IReadOnlyList<KnowledgeChunk>>();
        foreach (var file in _scanner.FindFiles())
        {
            chunksByFile[file.RelativePath] = await _scanner.ReadChunksAsync(file, CancellationToken.None);
        }

        Assert.Empty(chunksByFile["guides/broken.pdf"]);
        Assert.Contains(chunksByFile["guides/guideline.md"], c => c.Text.Contains("Never paste customer data", StringComparison.Ordinal));
        Assert.Equal(["UC-101", "UC-102"], chunksByFile["use-cases/catalogue.csv"].Select(c => c.SourceId));
        Assert.Equal(2, _logger.Warnings.Count);
        var pdfWarning = Assert.Single(_logger.Warnings, w => w.Message.Contains("guides/broken.pdf", StringComparison.Ordinal));
        Assert.Contains("could not be read (InvalidDataException caused by ", pdfWarning.Message, StringComparison.Ordinal);
        var rowWarning = Assert.Single(_logger.Warnings, w => w.Message.Contains("use-cases/catalogue.csv", StringComparison.Ordinal));
        Assert.Contains("row 3", rowWarning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_GoodGuideline_NoWarning()
    {
        var file = _scanner.FindFiles().Single(f => f.RelativePath == "guides/guideline.md");

        var chunks = await _scanner.ReadChunksAsync(file, CancellationToken.None);

        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal(SourceKind.Guideline, c.Kind));
        Assert.All(chunks, c => Assert.Equal("guides/guideline.md", c.FilePath));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task ReadChunksAsync_MarkdownUnderUseCases_ReadAsCatalogueEntry()
    {
        var file = _scanner.FindFiles().Single(f => f.RelativePath == "use-cases/UC-201.md");

        var chunk = Assert.Single(await _scanner.ReadChunksAsync(file, CancellationToken.None));

        Assert.Equal(SourceKind.UseCase, chunk.Kind);
        Assert.Equal("UC-201", chunk.SourceId);
        Assert.Equal("UC-201 — Supplier contract assistant", chunk.Title);
    }

    [Fact]
    public async Task ReadChunksAsync_GuidelineWithoutText_NoChunksAndWarningSaysNoText()
    {
        _folder.Write("guides/empty.md", "# Only a heading\n");
        var file = _scanner.FindFiles().Single(f => f.RelativePath == "guides/empty.md");

        var chunks = await _scanner.ReadChunksAsync(file, CancellationToken.None);

        Assert.Empty(chunks);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("guides/empty.md", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no text found", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_CatalogueMarkdownWithoutFrontMatter_NoChunksAndOneWarningNamingTheFile()
    {
        _folder.CopyTestData("use-cases/no-front-matter.md", "use-cases/UC-301.md");
        var file = _scanner.FindFiles().Single(f => f.RelativePath == "use-cases/UC-301.md");

        var chunks = await _scanner.ReadChunksAsync(file, CancellationToken.None);

        Assert.Empty(chunks);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("use-cases/UC-301.md", warning.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read (InvalidDataException)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_FileDeletedAfterScan_NoChunksAndOneWarning()
    {
        var file = _scanner.FindFiles().Single(f => f.RelativePath == "guides/guideline.md");
        _folder.Delete("guides/guideline.md");

        var chunks = await _scanner.ReadChunksAsync(file, CancellationToken.None);

        Assert.Empty(chunks);
        Assert.Contains("guides/guideline.md", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
