using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace AdoptionBot.Tests.Knowledge.TestSupport;

/// <summary>One line of text placed on a PDF page: its font size and the height of its baseline.</summary>
public sealed record PdfLineSpec(string Text, double FontSize, double Baseline, int Page = 1);

/// <summary>Writes small PDF and Word files at test time, so the fixtures say in code what they contain.</summary>
public static class DocumentFixtures
{
    public static byte[] Pdf(params PdfLineSpec[] lines)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var pageLines in lines.GroupBy(l => l.Page).OrderBy(g => g.Key))
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            foreach (var line in pageLines)
            {
                page.AddText(line.Text, line.FontSize, new PdfPoint(56, line.Baseline), font);
            }
        }

        return builder.Build();
    }

    public static byte[] Docx(params OpenXmlElement[] bodyElements)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(bodyElements));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    public static Paragraph StyledParagraph(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));

    public static Paragraph PlainParagraph(string text) => new(new Run(new Text(text)));

    public static Table Table(params string[][] rows) =>
        new(rows.Select(cells => new TableRow(cells.Select(c => new TableCell(PlainParagraph(c))))));
}
