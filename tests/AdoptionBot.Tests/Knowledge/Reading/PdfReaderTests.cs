using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.Reading;

public sealed class PdfReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Read_LargerFontLines_BecomeTitleAndHeadings()
    {
        var path = _folder.WriteBytes("guide.pdf", ShopFloorGuide());

        var document = new PdfReader().Read(path);

        Assert.Equal("Shop floor AI guide", document.Title);
        Assert.Equal([["Safety first"], ["Escalation"]], document.Sections.Select(s => s.Headings.ToArray()));
    }

    [Fact]
    public void Read_BodyLines_JoinIntoParagraphsSplitAtWiderGaps()
    {
        var path = _folder.WriteBytes("guide.pdf", ShopFloorGuide());

        var document = new PdfReader().Read(path);

        Assert.Equal(
            ["Operators must review every generated work instruction before it reaches the line.", "A second paragraph starts after a wider gap."],
            document.Sections[0].Blocks);
        Assert.Equal(["Report faulty output to the GenAI team."], document.Sections[1].Blocks);
    }

    [Fact]
    public void Read_LinesOverTwoPages_KeptInPageOrder()
    {
        var path = _folder.WriteBytes("two-pages.pdf", DocumentFixtures.Pdf(
            new PdfLineSpec("Two page guide", 20, 790),
            new PdfLineSpec("The first page ends here.", 11, 760),
            new PdfLineSpec("The second page starts here.", 11, 790, Page: 2)));

        var document = new PdfReader().Read(path);

        var text = string.Join('\n', document.Sections.SelectMany(s => s.Blocks));
        var first = text.IndexOf("The first page ends here.", StringComparison.Ordinal);
        var second = text.IndexOf("The second page starts here.", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, text);
    }

    [Fact]
    public void Read_CorruptFile_ThrowsInvalidDataSayingItIsNotAReadablePdf()
    {
        var reader = new PdfReader();

        var error = Assert.Throws<InvalidDataException>(() => reader.Read(TestPaths.Knowledge("corrupt.pdf")));

        Assert.Contains("PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PdfWithoutText_ThrowsInvalidDataSayingThereIsNoText()
    {
        var path = _folder.WriteBytes("scan.pdf", DocumentFixtures.Pdf());

        var error = Assert.Throws<InvalidDataException>(() => new PdfReader().Read(path));

        Assert.Contains("no extractable text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FiveHundredPages_ReadWithinTheDefaultTimeLimit()
    {
        var pages = Enumerable.Range(1, 500)
            .Select(n => new PdfLineSpec($"Page {n} says the shop floor reviews generated work instructions.", 11, 760, Page: n))
            .Prepend(new PdfLineSpec("A long shop floor handbook", 20, 790))
            .ToArray();
        var path = _folder.WriteBytes("handbook.pdf", DocumentFixtures.Pdf(pages));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(new KnowledgeOptions().MaxFileSeconds));

        var document = new PdfReader().Read(path, ReadLimits.Default with { Stop = deadline.Token });

        var text = string.Join('\n', document.Sections.SelectMany(s => s.Blocks));
        Assert.Contains("Page 1 says", text, StringComparison.Ordinal);
        Assert.Contains("Page 500 says", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StopSignalled_StopsWithCancellation()
    {
        var path = _folder.WriteBytes("guide.pdf", ShopFloorGuide());

        Assert.ThrowsAny<OperationCanceledException>(() => new PdfReader().Read(path, ReadLimits.Default with { Stop = new CancellationToken(canceled: true) }));
    }

    [Fact]
    public void Read_FileLargerThanTheLimit_RefusedAsTooLarge()
    {
        var path = _folder.WriteBytes("guide.pdf", ShopFloorGuide());

        Assert.Throws<KnowledgeFileTooLargeException>(() => new PdfReader().Read(path, ReadLimits.Default with { MaxBytes = 100 }));
    }

    [Fact]
    public void Read_StreamsDecodingToLessThanTheLimit_Read()
    {
        var path = _folder.WriteBytes("padded.pdf", DocumentFixtures.PdfWithInflatingContent("Badge printers are refilled on Mondays.", ReadLimits.Megabytes(1) / 2));

        var document = new PdfReader().Read(path, ReadLimits.Default with { MaxBytes = ReadLimits.Megabytes(1) });

        Assert.Contains("Badge printers are refilled on Mondays.", string.Join('\n', document.Sections.SelectMany(s => s.Blocks)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamDecodingPastTheLimit_RefusedAsTooLarge()
    {
        var path = _folder.WriteBytes("bomb.pdf", DocumentFixtures.PdfWithInflatingContent("A harmless looking page.", ReadLimits.Megabytes(2)));
        Assert.True(new FileInfo(path).Length < ReadLimits.Megabytes(1) / 10);

        Assert.Throws<KnowledgeFileTooLargeException>(() => new PdfReader().Read(path, ReadLimits.Default with { MaxBytes = ReadLimits.Megabytes(1) }));
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] ShopFloorGuide() => DocumentFixtures.Pdf(
        new PdfLineSpec("Shop floor AI guide", 20, 790),
        new PdfLineSpec("Safety first", 14, 760),
        new PdfLineSpec("Operators must review every generated work instruction", 11, 740),
        new PdfLineSpec("before it reaches the line.", 11, 727),
        new PdfLineSpec("A second paragraph starts after a wider gap.", 11, 700),
        new PdfLineSpec("Escalation", 14, 660),
        new PdfLineSpec("Report faulty output to the GenAI team.", 11, 640));
}
