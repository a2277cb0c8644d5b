using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;
using static AdoptionBot.Tests.Knowledge.TestSupport.DocumentFixtures;

namespace AdoptionBot.Tests.Knowledge.Reading;

public sealed class DocxReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Read_TitleAndHeadingStyles_BecomeTitleAndHeadingPaths()
    {
        var path = _folder.WriteBytes("policy.docx", DealerPolicy());

        var document = new DocxReader().Read(path);

        Assert.Equal("Dealer network AI policy", document.Title);
        Assert.Equal([["Scope"], ["Scope", "Exceptions"], ["Tools"]], document.Sections.Select(s => s.Headings.ToArray()));
    }

    [Fact]
    public void Read_ParagraphsAndTables_BecomeBlocks()
    {
        var path = _folder.WriteBytes("policy.docx", DealerPolicy());

        var document = new DocxReader().Read(path);

        Assert.Equal(["The policy covers all dealer staff.", "It applies from the first of May."], document.Sections[0].Blocks);
        Assert.Equal(["Tool: Copilot Chat; Use: Drafting emails."], document.Sections[2].Blocks);
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsInvalidDataSayingItIsNotAReadableWordDocument()
    {
        var whole = DealerPolicy();
        var path = _folder.WriteBytes("truncated.docx", whole[..(whole.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => new DocxReader().Read(path));

        Assert.Contains("Word document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextRenamedToDocx_ThrowsInvalidData()
    {
        var path = _folder.Write("notes.docx", "This is plain text with the wrong extension.");

        var error = Assert.Throws<InvalidDataException>(() => new DocxReader().Read(path));

        Assert.Contains("Word document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PartUnpackingPastTheSizeLimit_RefusedAsTooLargeBeforeUnpacking()
    {
        var bomb = WithZeroFilledPart(DealerPolicy(), "word/media/padding.bin", ReadLimits.Default.MaxBytes + 1);
        var path = _folder.WriteBytes("bomb.docx", bomb);

        Assert.True(bomb.Length < 1024 * 1024, $"the test's zip bomb should be small on disk, not {bomb.Length} bytes");
        Assert.Throws<KnowledgeFileTooLargeException>(() => new DocxReader().Read(path));
    }

    [Fact]
    public void Read_UnpackedPartsWithinTheLimit_Read()
    {
        var path = _folder.WriteBytes("padded.docx", WithZeroFilledPart(DealerPolicy(), "word/media/padding.bin", 512 * 1024));

        var document = new DocxReader().Read(path, ReadLimits.Default with { MaxBytes = ReadLimits.Megabytes(1) });

        Assert.Equal("Dealer network AI policy", document.Title);
    }

    [Fact]
    public void Read_FileLargerThanTheLimit_RefusedAsTooLarge()
    {
        var path = _folder.WriteBytes("policy.docx", DealerPolicy());

        Assert.Throws<KnowledgeFileTooLargeException>(() => new DocxReader().Read(path, ReadLimits.Default with { MaxBytes = 100 }));
    }

    [Fact]
    public void Read_MainPartWithADocumentTypeDeclaration_RefusedWithoutExpandingItsEntities()
    {
        var path = _folder.WriteBytes("laughs.docx", DocxWithDocumentXml(BillionLaughsDocumentXml));

        var error = Assert.Throws<InvalidDataException>(() => new DocxReader().Read(path));

        var xml = Assert.IsType<System.Xml.XmlException>(error.InnerException);
        Assert.Contains("DTD", xml.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WellFormedPackageWithBrokenXml_ThrowsInvalidDataCausedByTheXml()
    {
        var path = _folder.WriteBytes("broken.docx", DocxWithDocumentXml(BrokenDocumentXml));

        var error = Assert.Throws<InvalidDataException>(() => new DocxReader().Read(path));

        Assert.IsType<System.Xml.XmlException>(error.InnerException);
    }

    [Fact]
    public void Read_StopSignalled_StopsWithCancellation()
    {
        var path = _folder.WriteBytes("policy.docx", DealerPolicy());

        Assert.ThrowsAny<OperationCanceledException>(() => new DocxReader().Read(path, ReadLimits.Default with { Stop = new CancellationToken(canceled: true) }));
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] DealerPolicy() => Docx(
        StyledParagraph("Title", "Dealer network AI policy"),
        StyledParagraph("Heading1", "Scope"),
        PlainParagraph("The policy covers all dealer staff."),
        PlainParagraph("It applies from the first of May."),
        StyledParagraph("Heading2", "Exceptions"),
        PlainParagraph("Pilot dealers may test new tools with approval."),
        StyledParagraph("Heading1", "Tools"),
        Table(["Tool", "Use"], ["Copilot Chat", "Drafting emails"]));
}
