using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static AdoptionBot.Tests.Knowledge.TestSupport.DocumentFixtures;

namespace AdoptionBot.Tests.Knowledge.Indexing;

/// <summary>
/// The knowledge files an attacker or an accident could put in the knowledge folder (the hostile corpus of
/// TestData/Hostile covers activities only): a malformed Word document, one with a DTD, a zip bomb, a corrupted PDF, a
/// reader that fails or hangs. Each is skipped with one warning naming the file and the exception's type, never its
/// text, and the rest of the knowledge base is indexed and published.
/// </summary>
public sealed class HostileKnowledgeFileTests : IDisposable
{
    private const string GoodText = "Badge printers are refilled on Mondays.";
    private readonly TempFolder _folder = new();
    private readonly HashingEmbeddingGenerator _embeddings = new();

    public HostileKnowledgeFileTests()
    {
        _folder.Write("guides/badges.md", "# Badge printers\n\n" + GoodText + "\n");
        _folder.Write("use-cases/catalogue.csv", "id,title,summary,business_unit,stage,owner\nUC-101,Warranty claim summariser,Summarises warranty claims,After-sales,pilot,Jana Weber\n");
    }

    [Fact]
    public async Task Sync_MalformedDocx_SkippedWithOneWarningAndTheRestIndexedAndPublished()
    {
        _folder.WriteBytes("guides/broken.docx", DocxWithDocumentXml(BrokenDocumentXml));
        var harness = new IndexHarness(_folder, _embeddings);

        var report = await harness.SyncAsync();

        Assert.Equal(3, report.Files);
        Assert.True(harness.Index.IsReady);
        Assert.Contains(await harness.SearchAsync("badge printers"), p => p.Chunk.Text.Contains(GoodText, StringComparison.Ordinal));
        Assert.Contains(await harness.SearchAsync("warranty claim"), p => p.Chunk.SourceId == "UC-101");
        Assert.DoesNotContain(await harness.SearchAsync("half a sentence"), p => p.Chunk.FilePath == "guides/broken.docx");
        var warning = Assert.Single(harness.ScannerLogger.Warnings);
        Assert.Equal("Skipped knowledge file guides/broken.docx: it could not be read (InvalidDataException caused by XmlException)", warning.Message);
        Assert.Null(warning.Exception);
    }

    [Fact]
    public async Task Sync_DocxWithBillionLaughsDtd_SkippedWithOneWarningNamingTheXmlException()
    {
        _folder.WriteBytes("guides/laughs.docx", DocxWithDocumentXml(BillionLaughsDocumentXml));
        var harness = new IndexHarness(_folder, _embeddings);

        await harness.SyncAsync();

        Assert.DoesNotContain(await harness.SearchAsync("lol"), p => p.Chunk.FilePath == "guides/laughs.docx");
        Assert.Contains(await harness.SearchAsync("badge printers"), p => p.Chunk.FilePath == "guides/badges.md");
        var warning = Assert.Single(harness.ScannerLogger.Warnings);
        Assert.Equal("Skipped knowledge file guides/laughs.docx: it could not be read (InvalidDataException caused by XmlException)", warning.Message);
    }

    [Fact]
    public async Task Sync_ZipBombDocx_RefusedAsTooLargeWithOneWarningAndTheRestIndexed()
    {
        var bomb = WithZeroFilledPart(Docx(PlainParagraph("A harmless looking page.")), "word/media/image1.bin", ReadLimits.Megabytes(new KnowledgeOptions().MaxFileMegabytes) + 1);
        _folder.WriteBytes("guides/bomb.docx", bomb);
        var harness = new IndexHarness(_folder, _embeddings);

        await harness.SyncAsync();

        Assert.Contains(await harness.SearchAsync("badge printers"), p => p.Chunk.FilePath == "guides/badges.md");
        var warning = Assert.Single(harness.ScannerLogger.Warnings);
        Assert.Equal("Skipped knowledge file guides/bomb.docx: it is larger than Knowledge:MaxFileMegabytes (50 MB) allows, on disk or unpacked", warning.Message);
    }

    [Fact]
    public async Task Sync_CorruptedPdf_SkippedWithOneWarningWithoutTheParsersText()
    {
        _folder.CopyTestData("corrupt.pdf", "guides/corrupt.pdf");
        var harness = new IndexHarness(_folder, _embeddings);

        await harness.SyncAsync();

        Assert.True(harness.Index.IsReady);
        Assert.Contains(await harness.SearchAsync("badge printers"), p => p.Chunk.FilePath == "guides/badges.md");
        var warning = Assert.Single(harness.ScannerLogger.Warnings);
        Assert.StartsWith("Skipped knowledge file guides/corrupt.pdf: it could not be read (InvalidDataException caused by ", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("Exception)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_FileOverMaxFileMegabytes_NoChunksAndOneWarningNamingTheLimit()
    {
        var file = _folder.Write("guides/huge.txt", "Huge\n\n" + new string('x', (int)ReadLimits.Megabytes(1)));
        var logger = new CapturingLogger<KnowledgeScanner>();
        var options = Microsoft.Extensions.Options.Options.Create(new KnowledgeOptions { Path = _folder.Path, MaxFileMegabytes = 1 });
        var scanner = KnowledgeTestServices.Scanner(options, logger);

        var chunks = await scanner.ReadChunksAsync(scanner.FindFiles().Single(f => f.FullPath == file), CancellationToken.None);

        Assert.Empty(chunks);
        Assert.Equal(
            "Skipped knowledge file guides/huge.txt: it is larger than Knowledge:MaxFileMegabytes (1 MB) allows, on disk or unpacked",
            Assert.Single(logger.Warnings).Message);
    }

    [Fact]
    public async Task ReadChunksAsync_ReaderThrowsAnyException_OneWarningWithItsTypeButNotItsText()
    {
        var scanner = ScannerWith(new StubReader(_ => throw new NotSupportedException("secret content of /srv/knowledge/guides/odd.stub")), out var logger, out _);
        _folder.Write("guides/odd.stub", "whatever");

        var chunks = await scanner.ReadChunksAsync(scanner.FindFiles().Single(f => f.RelativePath == "guides/odd.stub"), CancellationToken.None);

        Assert.Empty(chunks);
        var warning = Assert.Single(logger.Warnings);
        Assert.Equal("Skipped knowledge file guides/odd.stub: it could not be read (NotSupportedException)", warning.Message);
        Assert.DoesNotContain("secret", warning.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_ReaderThatIgnoresTheDeadline_SkippedOnceMaxFileSecondsHavePassed()
    {
        using var entered = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var scanner = ScannerWith(
            new StubReader(_ =>
            {
                entered.Release();
                release.Wait(TimeSpan.FromMinutes(2)); // a reader stuck in a loop that never looks at its stop signal
                return new ParsedDocument("Never", []);
            }),
            out var logger,
            out var time);
        _folder.Write("guides/stuck.stub", "whatever");
        var file = scanner.FindFiles().Single(f => f.RelativePath == "guides/stuck.stub");

        try
        {
            var reading = scanner.ReadChunksAsync(file, CancellationToken.None);
            Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)), "the reader never started");
            time.Advance(TimeSpan.FromSeconds(new KnowledgeOptions().MaxFileSeconds));

            var chunks = await reading.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Empty(chunks);
            Assert.Equal("Skipped knowledge file guides/stuck.stub: it was not read within Knowledge:MaxFileSeconds (30 s)", Assert.Single(logger.Warnings).Message);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task ReadChunksAsync_ReaderThatWatchesItsStop_StopsAtTheDeadline()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var entered = new SemaphoreSlim(0);
        var scanner = ScannerWith(
            new StubReader(limits =>
            {
                entered.Release();
                limits.Stop.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
                stopped.TrySetResult();
                limits.Stop.ThrowIfCancellationRequested();
                return new ParsedDocument("Never", []);
            }),
            out var logger,
            out var time);
        _folder.Write("guides/slow.stub", "whatever");
        var reading = scanner.ReadChunksAsync(scanner.FindFiles().Single(f => f.RelativePath == "guides/slow.stub"), CancellationToken.None);
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)), "the reader never started");

        time.Advance(TimeSpan.FromSeconds(new KnowledgeOptions().MaxFileSeconds));

        Assert.Empty(await reading.WaitAsync(TimeSpan.FromSeconds(30)));
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("MaxFileSeconds", Assert.Single(logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_SyncCancelled_ThrowsInsteadOfSkipping()
    {
        var scanner = ScannerWith(new StubReader(limits => throw new OperationCanceledException(limits.Stop)), out var logger, out _);
        _folder.Write("guides/any.stub", "whatever");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scanner.ReadChunksAsync(scanner.FindFiles().Single(f => f.RelativePath == "guides/any.stub"), cancelled.Token));
        Assert.Empty(logger.Warnings);
    }

    public void Dispose()
    {
        _embeddings.Dispose();
        _folder.Dispose();
    }

    private KnowledgeScanner ScannerWith(StubReader reader, out CapturingLogger<KnowledgeScanner> logger, out FakeTimeProvider time)
    {
        var options = KnowledgeTestServices.Options(_folder.Path);
        logger = new CapturingLogger<KnowledgeScanner>();
        time = new FakeTimeProvider();
        return new KnowledgeScanner(options, [.. KnowledgeTestServices.Readers(), reader], new DocumentChunker(new SourceLinks(options)), time, logger);
    }

    /// <summary>A reader for ".stub" files that does what the test says.</summary>
    private sealed class StubReader(Func<ReadLimits, ParsedDocument> read) : IDocumentReader
    {
        public IReadOnlyCollection<string> Extensions { get; } = [".stub"];

        public ParsedDocument Read(string path, ReadLimits? limits = null) => read(limits ?? ReadLimits.Default);
    }
}
