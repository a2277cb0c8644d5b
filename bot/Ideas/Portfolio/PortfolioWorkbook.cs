using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>A table of text: a header row and the rows under it, as a workbook's first sheet or a CSV file holds it.</summary>
public sealed record SheetTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Writes the portfolio as an Excel workbook (one sheet, a bold and frozen header row) and reads a workbook or a CSV
/// file back into a <see cref="SheetTable"/>. Written with the Open XML SDK; every cell is text or a whole number.
/// </summary>
public static class PortfolioWorkbook
{
    public const string SheetName = "Portfolio";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The largest workbook or CSV file an import reads.</summary>
    public const int MaxImportBytes = 20 * 1024 * 1024;

    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { TabSelected = true, WorkbookViewId = 0 }));
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, 1, headers.Cast<object?>().ToList(), bold: true);
                var index = 2u;
                foreach (var row in rows)
                {
                    WriteRow(writer, index++, row, bold: false);
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<object?> values, bool bold)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var i = 0; i < values.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            switch (values[i])
            {
                case null:
                    break;
                case long or int:
                    writer.WriteElement(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(values[i], CultureInfo.InvariantCulture)!) });
                    break;
                default:
                    var text = Convert.ToString(values[i], CultureInfo.InvariantCulture) ?? "";
                    var cell = new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(CleanXml(text)) { Space = SpaceProcessingModeValues.Preserve }) };
                    if (bold)
                    {
                        cell.StyleIndex = 1;
                    }

                    writer.WriteElement(cell);
                    break;
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>Reads the first sheet of a workbook, or a CSV file when <paramref name="fileName"/> ends in .csv.</summary>
    public static SheetTable Read(byte[] content, string fileName)
    {
        if (content.Length > MaxImportBytes)
        {
            throw new InvalidDataException($"the file is larger than {MaxImportBytes / 1024 / 1024} MB");
        }

        return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(content) : ReadWorkbook(content);
    }

    private static SheetTable ReadWorkbook(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = 200_000_000 });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("the file is not an Excel workbook");
        var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("the workbook has no sheet");
        var sheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            var values = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } r ? ColumnIndex(r) : values.Count;
                while (values.Count < column)
                {
                    values.Add("");
                }

                values.Add(CellText(cell, shared));
            }

            rows.Add(values);
        }

        return Table(rows);
    }

    private static SheetTable ReadCsv(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content, writable: false), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false });
        var rows = new List<IReadOnlyList<string>>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "")]);
        }

        return Table(rows);
    }

    private static SheetTable Table(List<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0)
        {
            throw new InvalidDataException("the file has no header row");
        }

        var headers = rows[0].Select(h => h.Trim()).ToList();
        return new SheetTable(headers, rows.Skip(1).Where(r => r.Any(v => !string.IsNullOrWhiteSpace(v))).ToList());
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var raw = cell.CellValue?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return raw == "1" ? "yes" : "no";
        }

        // A number Excel stored as a double ("40000.0", "4E+4") reads as the whole number it is.
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : raw;
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return Math.Max(0, index - 1);
    }

    /// <summary>Characters XML cannot hold (control characters) are dropped.</summary>
    private static string CleanXml(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? new string([.. text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]) : text;

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
