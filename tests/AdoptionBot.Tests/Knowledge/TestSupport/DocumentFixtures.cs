using System.IO.Compression;
using System.Text;
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

    /// <summary>
    /// A one-page PDF whose content stream is a line of text followed by <paramref name="paddingBytes"/> spaces,
    /// Flate-compressed: a small file that decodes to much more (a PDF zip bomb).
    /// </summary>
    public static byte[] PdfWithInflatingContent(string text, long paddingBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(Encoding.ASCII.GetBytes($"BT /F1 12 Tf 56 760 Td ({text}) Tj ET\n"));
            var spaces = new byte[64 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var written = 0L; written < paddingBytes; written += spaces.Length)
            {
                zlib.Write(spaces, 0, (int)Math.Min(spaces.Length, paddingBytes - written));
            }
        }

        var content = compressed.ToArray();
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string ascii) => pdf.Write(Encoding.ASCII.GetBytes(ascii));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {content.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(content);
        Write("\nendstream\nendobj\n");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
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

    /// <summary>A Word document (a well-formed package) whose main part is <paramref name="documentXml"/> as given, valid or not.</summary>
    public static byte[] DocxWithDocumentXml(string documentXml) =>
        Repack(Docx(PlainParagraph("placeholder")), archive =>
        {
            var main = archive.Entries.Single(e => e.FullName == "word/document.xml");
            main.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("word/document.xml").Open(), new UTF8Encoding(false));
            writer.Write(documentXml);
        });

    /// <summary><paramref name="docx"/> with one more part of <paramref name="bytes"/> zero bytes: it compresses to almost nothing.</summary>
    public static byte[] WithZeroFilledPart(byte[] docx, string partName, long bytes) =>
        Repack(docx, archive =>
        {
            using var part = archive.CreateEntry(partName, CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var written = 0L; written < bytes; written += zeros.Length)
            {
                part.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            }
        });

    /// <summary>A main part with a document type declaration: the classic "billion laughs" entity expansion.</summary>
    public const string BillionLaughsDocumentXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE w:document [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
        """;

    /// <summary>A main part that is not well-formed XML: an element never closed.</summary>
    public const string BrokenDocumentXml =
        """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Half a sentence""";

    private static byte[] Repack(byte[] package, Action<ZipArchive> change)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            change(archive);
        }

        return stream.ToArray();
    }

    public static Paragraph StyledParagraph(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));

    public static Paragraph PlainParagraph(string text) => new(new Run(new Text(text)));

    public static Table Table(params string[][] rows) =>
        new(rows.Select(cells => new TableRow(cells.Select(c => new TableCell(PlainParagraph(c))))));
}
