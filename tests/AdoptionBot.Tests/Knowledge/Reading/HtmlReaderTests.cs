using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.Reading;

public sealed class HtmlReaderTests
{
    private readonly ParsedDocument _register = new HtmlReader().Read(TestPaths.Knowledge("tool-register.html"));

    [Fact]
    public void Read_PageWithHeadings_TitleIsFirstHeading()
    {
        Assert.Equal("Approved AI tools", _register.Title);
    }

    [Fact]
    public void Read_PageWithoutHeadings_TitleComesFromTitleElement()
    {
        var document = new HtmlReader().Read(TestPaths.Knowledge("untitled-page.html"));

        Assert.Equal("Release notes & changes", document.Title);
        Assert.Equal(["The assistant now cites its sources."], Assert.Single(document.Sections).Blocks);
    }

    [Fact]
    public void Read_H1ToH3_BecomeHeadingPaths()
    {
        var headingPaths = _register.Sections.Select(s => string.Join(" / ", s.Headings)).ToList();

        Assert.Equal(["", "Register", "Register / Retired tools"], headingPaths);
    }

    [Fact]
    public void Read_TableWithHeaderRow_RowsFlattenedAndEntitiesDecoded()
    {
        var register = Assert.Single(_register.Sections, s => s.Headings.SequenceEqual(["Register"]));

        Assert.Equal(["Tool: Copilot Chat; Owner: IT & Security.", "Tool: Translation assistant; Owner: Language services."], register.Blocks);
    }

    [Fact]
    public void Read_ScriptStyleAndNavigation_Dropped()
    {
        var allText = string.Join('\n', _register.Sections.SelectMany(s => s.Blocks));

        Assert.DoesNotContain("script text", allText, StringComparison.Ordinal);
        Assert.DoesNotContain("color", allText, StringComparison.Ordinal);
        Assert.DoesNotContain("Contact", allText, StringComparison.Ordinal);
        Assert.Contains("Only tools in this register may be used with internal data.", allText, StringComparison.Ordinal);
        Assert.Contains("Legacy summariser, switched off in 2024", allText, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListItemWithNestedList_ItemTextAndEachNestedItemKept()
    {
        var document = HtmlReader.Parse("<h1>T</h1><ul><li>Approved tools:<ul><li>Copilot Chat</li><li>Translation assistant</li></ul></li></ul>");

        Assert.Equal(["Approved tools:", "Copilot Chat", "Translation assistant"], Assert.Single(document.Sections).Blocks);
    }

    [Fact]
    public void Parse_TextWithInlineElementsInsideDiv_KeptAsOneBlock()
    {
        var document = HtmlReader.Parse("<div><h1>T</h1>Ask the <a href=\"/genai\">GenAI office</a> before <strong>any</strong> pilot.<br>Reply within <em>two</em> days.<div>Next block.</div></div>");

        Assert.Equal(["Ask the GenAI office before any pilot. Reply within two days.", "Next block."], Assert.Single(document.Sections).Blocks);
    }

    [Fact]
    public void Parse_FragmentWithoutBody_HeadTitleNotReadAsText()
    {
        var document = HtmlReader.Parse("<html><head><title>Page title</title></head><h1>Heading</h1><p>Body text.</p></html>");

        Assert.Equal("Heading", document.Title);
        Assert.Equal(["Body text."], Assert.Single(document.Sections).Blocks);
    }

    [Fact]
    public void Parse_ElementsNestedDeeperThanTheLimit_RefusedAsInvalidData()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 5_000)) + "deep text</body></html>";

        Assert.Throws<InvalidDataException>(() => HtmlReader.Parse(html));
    }
}
