using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.Reading;

public sealed class MarkdownReaderTests
{
    private readonly ParsedDocument _guideline = new MarkdownReader().Read(TestPaths.Knowledge("guideline.md"));

    [Fact]
    public void Read_GuidelineWithFrontMatter_TitleIsFirstHeading()
    {
        Assert.Equal("Using Generative AI at Nordhafen Motors", _guideline.Title);
    }

    [Fact]
    public void Read_NestedHeadings_SectionsCarryHeadingPathsWithoutTheTitle()
    {
        var headingPaths = _guideline.Sections.Select(s => string.Join(" / ", s.Headings)).ToList();

        Assert.Equal(["", "Data protection", "Data protection / Approved tools", "Prompting tips"], headingPaths);
    }

    [Fact]
    public void Read_Paragraph_LinesJoinedAndInlineMarkupStripped()
    {
        var section = Section(_guideline, "Data protection");

        Assert.Equal("Never paste customer data into public AI tools. Use the approved tools instead.", section.Blocks[0]);
    }

    [Fact]
    public void Read_BulletAndNumberedLists_EachItemIsOneBlock()
    {
        Assert.Equal(
            ["Remove names and VINs before prompting", "Check every output before you share it"],
            Section(_guideline, "Data protection").Blocks.Skip(1));
        Assert.Equal(
            ["State the task in one sentence.", "Give an example of the output you expect."],
            Section(_guideline, "Prompting tips").Blocks);
    }

    [Fact]
    public void Read_PipeTable_RowsFlattenedToColumnValuePairs()
    {
        var section = Section(_guideline, "Data protection", "Approved tools");

        Assert.Equal(
            [
                "Tool: Copilot Chat; Data allowed: Internal; Approval: Not needed.",
                "Tool: Public chatbots; Data allowed: Public only; Approval: Line manager.",
            ],
            section.Blocks);
    }

    [Fact]
    public void Read_CodeFenceAndFrontMatter_LeftOut()
    {
        var allText = string.Join('\n', _guideline.Sections.SelectMany(s => s.Blocks.Concat(s.Headings)));

        Assert.DoesNotContain("SECRET_TOKEN", allText, StringComparison.Ordinal);
        Assert.DoesNotContain("Front matter title", allText, StringComparison.Ordinal);
        Assert.DoesNotContain("Digital Office", allText, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeadingOfSameLevel_ReplacesThePreviousOne()
    {
        var document = MarkdownReader.Parse("# Guide\n\n## One\n\n### Deep\n\nText a.\n\n## Two\n\nText b.\n");

        Assert.Equal(["Two"], document.Sections[^1].Headings);
        Assert.Equal(["One", "Deep"], document.Sections[0].Headings);
    }

    [Fact]
    public void Parse_HashWithoutSpace_IsTextNotHeading()
    {
        var document = MarkdownReader.Parse("# Guide\n\n#hashtag is not a heading\n");

        Assert.Equal("#hashtag is not a heading", Assert.Single(Assert.Single(document.Sections).Blocks));
    }

    [Fact]
    public void SplitFrontMatter_FencedYaml_ReturnsYamlAndBody()
    {
        var (frontMatter, body) = MarkdownReader.SplitFrontMatter("---\r\nid: UC-1\r\n---\r\n# Body\r\n");

        Assert.Equal("id: UC-1", frontMatter);
        Assert.Equal("# Body\n", body);
    }

    private static DocumentSection Section(ParsedDocument document, params string[] headings) =>
        Assert.Single(document.Sections, s => s.Headings.SequenceEqual(headings));
}
