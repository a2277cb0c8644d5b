using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.Reading;

public sealed class UseCaseCatalogueReaderTests
{
    private readonly UseCaseCatalogueReader _reader = new();

    [Fact]
    public void Read_CsvWithQuotedCommas_KeepsTheWholeField()
    {
        var result = _reader.Read(TestPaths.Knowledge("use-cases/catalogue.csv"));

        var warranty = Assert.Single(result.UseCases, u => u.Id == "UC-101");
        Assert.Equal("Summarises warranty claims, flags missing parts, and drafts replies", warranty.Summary);
        Assert.Equal("Warranty claim summariser", warranty.Title);
        Assert.Equal("Jana Weber", warranty.Owner);
    }

    [Fact]
    public void Read_CsvHeaderWithSpacesAndHyphens_MatchesKnownColumns()
    {
        var result = _reader.Read(TestPaths.Knowledge("use-cases/catalogue.csv"));

        var warranty = Assert.Single(result.UseCases, u => u.Id == "UC-101");
        Assert.Equal("After-sales", warranty.BusinessUnit);
        Assert.Equal("pilot", warranty.Stage);
    }

    [Fact]
    public void ReadCsv_SpreadsheetExportWithItsOwnColumnNames_ReadsTheKnownFieldsAndKeepsTheRest()
    {
        const string Csv = "Ref,Use Case Name,Description,Division,Phase,Lead,Contact,Expected Benefit\n"
            + "X-7,Route planner,Plans delivery routes.,Operations,Proof of Concept,Ada Lane,ada@example.test,Ten percent fewer kilometres\n"
            + "X-8,Invoice reader,Reads invoices.,Finance,Live,Bo Chen,bo@example.test,\n";

        var result = UseCaseCatalogueReader.ReadCsv(Csv);

        Assert.Empty(result.Skipped);
        var planner = result.UseCases[0];
        Assert.Equal(("X-7", "Route planner", "Plans delivery routes.", "Operations", "poc", "Ada Lane"), (planner.Id, planner.Title, planner.Summary, planner.BusinessUnit, planner.Stage, planner.Owner));
        Assert.Equal([new("contact", "ada@example.test"), new("expected_benefit", "Ten percent fewer kilometres")], planner.Facts);
        Assert.Equal("rollout", result.UseCases[1].Stage);
    }

    [Fact]
    public void ReadCsv_OwnNameAndAnAliasBothPresent_TheOwnNameWinsAndTheAliasStaysAFact()
    {
        const string Csv = "id,title,status,stage\nUC-1,Thing,Needs budget,pilot\n";

        var useCase = Assert.Single(UseCaseCatalogueReader.ReadCsv(Csv).UseCases);

        Assert.Equal("pilot", useCase.Stage);
        Assert.Equal([new("status", "Needs budget")], useCase.Facts);
    }

    [Fact]
    public void ReadMarkdown_FrontMatterWithSpreadsheetNames_ReadsTheKnownFields()
    {
        const string Md = "---\nref: X-9\nname: Claims sorter\ndivision: Claims\nphase: On hold\nlead: Cy Moss\n---\n\nLonger text.\n";

        var useCase = Assert.Single(UseCaseCatalogueReader.ReadMarkdown(Md).UseCases);

        Assert.Equal(("X-9", "Claims sorter", "Claims", "parked", "Cy Moss"), (useCase.Id, useCase.Title, useCase.BusinessUnit, useCase.Stage, useCase.Owner));
    }

    [Fact]
    public void Read_CsvUnknownColumns_KeptAsFactsWhenFilled()
    {
        var result = _reader.Read(TestPaths.Knowledge("use-cases/catalogue.csv"));

        var warranty = Assert.Single(result.UseCases, u => u.Id == "UC-101");
        Assert.Equal([new("tools", "Copilot"), new("expected_saving", "2,000 hours a year")], warranty.Facts);
        var paint = Assert.Single(result.UseCases, u => u.Id == "UC-102");
        Assert.Empty(paint.Facts);
    }

    [Fact]
    public void Read_CsvStage_StoredInLowerCase()
    {
        var result = _reader.Read(TestPaths.Knowledge("use-cases/catalogue.csv"));

        Assert.Equal("poc", Assert.Single(result.UseCases, u => u.Id == "UC-102").Stage);
    }

    [Fact]
    public void Read_CsvRowWithoutId_SkippedWithReasonNamingTheRow()
    {
        var result = _reader.Read(TestPaths.Knowledge("use-cases/catalogue.csv"));

        Assert.Equal(["UC-101", "UC-102"], result.UseCases.Select(u => u.Id));
        var reason = Assert.Single(result.Skipped);
        Assert.Contains("row 3", reason, StringComparison.Ordinal);
        Assert.Contains("missing id", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_RowWithoutTitle_SkippedWithReasonNamingTheId()
    {
        var result = UseCaseCatalogueReader.ReadCsv("id,title\nUC-9,\nUC-10,Parts forecaster\n");

        Assert.Equal("UC-10", Assert.Single(result.UseCases).Id);
        Assert.Contains("UC-9 has no title", Assert.Single(result.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_HeaderWithoutIdColumn_ThrowsInvalidDataNamingTheColumns()
    {
        var error = Assert.Throws<InvalidDataException>(() => UseCaseCatalogueReader.ReadCsv("name,summary\nParts forecaster,Forecasts parts\n"));

        Assert.Contains("id and title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MarkdownFrontMatter_FieldsListsAndBodyRead()
    {
        var result = _reader.Read(TestPaths.Knowledge("use-cases/UC-201.md"));

        var useCase = Assert.Single(result.UseCases);
        Assert.Empty(result.Skipped);
        Assert.Equal("UC-201", useCase.Id);
        Assert.Equal("Supplier contract assistant", useCase.Title);
        Assert.Equal("Procurement", useCase.BusinessUnit);
        Assert.Equal("assessment", useCase.Stage);
        Assert.Equal("Lena Fischer", useCase.Owner);
        Assert.Equal([new("tags", "contracts, legal"), new("tools", "Copilot Studio, SharePoint")], useCase.Facts);
        Assert.Equal("The assistant cites the clause it used.", useCase.Body);
    }

    [Fact]
    public void Read_MarkdownWithoutFrontMatter_ThrowsInvalidDataAskingForFrontMatter()
    {
        var error = Assert.Throws<InvalidDataException>(() => _reader.Read(TestPaths.Knowledge("use-cases/no-front-matter.md")));

        Assert.Contains("front matter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadMarkdown_FrontMatterWithoutId_SkippedWithReason()
    {
        var result = UseCaseCatalogueReader.ReadMarkdown("---\ntitle: Nameless\n---\nBody.\n");

        Assert.Empty(result.UseCases);
        Assert.Equal(["missing id"], result.Skipped);
    }

    [Fact]
    public void ReadMarkdown_InvalidYaml_ThrowsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => UseCaseCatalogueReader.ReadMarkdown("---\nid: [UC-1\ntitle: x\n---\n"));

        Assert.Contains("YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherExtension_ThrowsInvalidDataNamingIt()
    {
        var error = Assert.Throws<InvalidDataException>(() => _reader.Read(TestPaths.Knowledge("tool-register.html")));

        Assert.Contains(".html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CitationTitle_UseCase_IsIdDashTitle()
    {
        var useCase = new UseCase("UC-101", "Warranty claim summariser", "", "", "", "", []);

        Assert.Equal("UC-101 — Warranty claim summariser", useCase.CitationTitle);
    }
}
