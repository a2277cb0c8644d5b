using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.Reading;

public sealed class PlainTextReaderTests
{
    [Fact]
    public void Read_TextFile_FirstLineIsTitle()
    {
        var document = new PlainTextReader().Read(TestPaths.Knowledge("prompt-hygiene.txt"));

        Assert.Equal("Prompt hygiene for service advisors", document.Title);
    }

    [Fact]
    public void Read_TextFile_ParagraphsJoinedAndShortLoneLineStartsSection()
    {
        var document = new PlainTextReader().Read(TestPaths.Knowledge("prompt-hygiene.txt"));

        Assert.Collection(
            document.Sections,
            intro =>
            {
                Assert.Empty(intro.Headings);
                Assert.Equal(["Keep customer names out of prompts. Use the repair order number instead."], intro.Blocks);
            },
            checklist =>
            {
                Assert.Equal(["Checklist"], checklist.Headings);
                Assert.Equal(["Remove names", "Remove vehicle identification numbers"], checklist.Blocks);
            });
    }

    [Fact]
    public void Parse_LoneSentenceEndingWithFullStop_StaysAParagraph()
    {
        var document = PlainTextReader.Parse("Title\n\nThis short line is a sentence.\n");

        var section = Assert.Single(document.Sections);
        Assert.Empty(section.Headings);
        Assert.Equal(["This short line is a sentence."], section.Blocks);
    }

    [Fact]
    public void Parse_WindowsLineEndings_ReadLikeUnixOnes()
    {
        var document = PlainTextReader.Parse("Title\r\n\r\nFirst line\r\nsecond line.\r\n");

        Assert.Equal("Title", document.Title);
        Assert.Equal(["First line second line."], Assert.Single(document.Sections).Blocks);
    }

    [Fact]
    public void Read_Latin1File_ThrowsInvalidDataNamingTheEncoding()
    {
        var reader = new PlainTextReader();

        var error = Assert.Throws<InvalidDataException>(() => reader.Read(TestPaths.Knowledge("latin1.txt")));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Utf16WithByteOrderMark_IsDecoded()
    {
        using var folder = new TempFolder();
        var path = folder.WriteBytes("utf16.txt", [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("Fahrzeugprüfung\n\nDie Übergabe erfolgt im Werk.")]);

        var document = new PlainTextReader().Read(path);

        Assert.Equal("Fahrzeugprüfung", document.Title);
    }
}
