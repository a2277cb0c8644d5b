namespace AdoptionBot.Knowledge.Reading;

/// <summary>Collects headings and blocks in reading order and groups them into sections.</summary>
internal sealed class SectionBuilder
{
    private readonly List<DocumentSection> _sections = [];
    private readonly List<(int Level, string Text)> _headings = [];
    private List<string> _blocks = [];
    private string? _title;

    public void Heading(int level, string text)
    {
        text = TextCleaner.Normalize(text);
        if (text.Length == 0)
        {
            return;
        }

        Flush();
        _title ??= text;
        _headings.RemoveAll(h => h.Level >= level);
        _headings.Add((level, text));
    }

    public void Block(string text)
    {
        text = TextCleaner.Normalize(text);
        if (text.Length > 0)
        {
            _blocks.Add(text);
        }
    }

    public void TableRow(IReadOnlyList<string> header, IReadOnlyList<string> cells)
    {
        var parts = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = TextCleaner.Normalize(cells[i]);
            if (cell.Length == 0)
            {
                continue;
            }

            var name = i < header.Count ? TextCleaner.Normalize(header[i]) : "";
            parts.Add(name.Length == 0 ? cell : $"{name}: {cell}");
        }

        if (parts.Count > 0)
        {
            Block(string.Join("; ", parts) + ".");
        }
    }

    public ParsedDocument Build(string? title = null)
    {
        Flush();
        // The document title is the outermost heading; it is not repeated in each section's heading path.
        var docTitle = title ?? _title;
        var sections = _sections
            .Select(s => s with { Headings = s.Headings.Count > 0 && s.Headings[0] == docTitle ? s.Headings.Skip(1).ToList() : s.Headings })
            .ToList();
        return new ParsedDocument(docTitle, sections);
    }

    private void Flush()
    {
        if (_blocks.Count == 0)
        {
            return;
        }

        _sections.Add(new DocumentSection(_headings.Select(h => h.Text).ToList(), _blocks));
        _blocks = [];
    }
}
