using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AdoptionBot.Knowledge.Reading;

/// <summary>Reads Word documents: Title and HeadingN paragraph styles become headings, tables are flattened by row.</summary>
public sealed class DocxReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public ParsedDocument Read(string path)
    {
        try
        {
            using var document = WordprocessingDocument.Open(path, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("the document has no body");
            var builder = new SectionBuilder();
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        var text = paragraph.InnerText;
                        var level = HeadingLevel(paragraph);
                        if (level > 0)
                        {
                            builder.Heading(level, text);
                        }
                        else
                        {
                            builder.Block(text);
                        }

                        break;
                    case Table table:
                        ReadTable(table, builder);
                        break;
                }
            }

            return builder.Build();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or System.IO.InvalidDataException or InvalidOperationException)
        {
            throw new InvalidDataException($"not a readable Word document ({ex.Message})", ex);
        }
    }

    private static int HeadingLevel(Paragraph paragraph)
    {
        var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        if (style is null)
        {
            return 0;
        }

        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(style.AsSpan(7), out var level) ? Math.Clamp(level, 1, 6) : 0;
    }

    private static void ReadTable(Table table, SectionBuilder builder)
    {
        List<string>? header = null;
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>().Select(c => c.InnerText).ToList();
            if (header is null)
            {
                header = cells;
                continue;
            }

            builder.TableRow(header, cells);
        }
    }
}
