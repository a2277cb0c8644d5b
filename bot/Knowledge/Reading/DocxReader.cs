using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AdoptionBot.Knowledge.Reading;

/// <summary>Reads Word documents: Title and HeadingN paragraph styles become headings, tables are flattened by row.</summary>
public sealed class DocxReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public ParsedDocument Read(string path, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Default;
        limits.CheckFileSize(path);
        try
        {
            CheckUnpackedSize(path, limits);
            using var document = WordprocessingDocument.Open(path, isEditable: false, new OpenSettings { MaxCharactersInPart = limits.MaxBytes });
            var part = document.MainDocumentPart ?? throw new InvalidDataException("The document has no main part.");
            using (var xml = part.GetStream(FileMode.Open, FileAccess.Read))
            {
                // Our own pass with a DTD refused, before the SDK builds its object model of the part.
                SafeXml.Check(xml, limits);
            }

            var body = part.Document?.Body ?? throw new InvalidDataException("The document has no body.");
            var builder = new SectionBuilder();
            foreach (var element in body.ChildElements)
            {
                limits.Stop.ThrowIfCancellationRequested();
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
        catch (Exception ex) when (ex is not (KnowledgeFileTooLargeException or OperationCanceledException or OutOfMemoryException))
        {
            throw new InvalidDataException("Not a readable Word document.", ex);
        }
    }

    /// <summary>A zip bomb is refused before anything is unpacked: the parts' sizes, as the archive declares them, must fit the limit.</summary>
    /// <remarks>Declared sizes can understate: the main part is then still read only up to the limit in characters (SafeXml, MaxCharactersInPart).</remarks>
    private static void CheckUnpackedSize(string path, ReadLimits limits)
    {
        using var archive = ZipFile.OpenRead(path);
        var total = 0L;
        foreach (var entry in archive.Entries)
        {
            total += entry.Length;
            limits.CheckSize(total);
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
