namespace AdoptionBot.Knowledge.Reading;

/// <summary>Reads Markdown line by line: ATX headings, paragraphs, list items, pipe tables; front matter and code fences are skipped.</summary>
public sealed class MarkdownReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public ParsedDocument Read(string path, ReadLimits? limits = null) =>
        Parse(TextCleaner.ReadText(path, limits), (limits ?? ReadLimits.Default).Stop);

    public static ParsedDocument Parse(string markdown, CancellationToken stop = default)
    {
        var builder = new SectionBuilder();
        var lines = StripFrontMatter(markdown).Split('\n');
        var paragraph = new List<string>();
        List<string>? tableHeader = null;
        var inFence = false;

        void EndParagraph()
        {
            if (paragraph.Count > 0)
            {
                builder.Block(string.Join(' ', paragraph));
                paragraph.Clear();
            }
        }

        foreach (var raw in lines)
        {
            stop.ThrowIfCancellationRequested();
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                EndParagraph();
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            if (line.Length == 0)
            {
                EndParagraph();
                tableHeader = null;
                continue;
            }

            if (line[0] == '#')
            {
                EndParagraph();
                var level = line.TakeWhile(c => c == '#').Count();
                if (level <= 6 && line.Length > level && line[level] == ' ')
                {
                    builder.Heading(level, line[level..].Trim().TrimEnd('#'));
                    continue;
                }
            }

            if (line[0] == '|')
            {
                EndParagraph();
                var cells = SplitRow(line);
                if (cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':' or ' ')))
                {
                    continue; // the separator row under the header
                }

                if (tableHeader is null)
                {
                    tableHeader = cells;
                }
                else
                {
                    builder.TableRow(tableHeader, cells);
                }

                continue;
            }

            if (IsListItem(line, out var item))
            {
                EndParagraph();
                paragraph.Add(item);
                continue;
            }

            if (line.StartsWith('>'))
            {
                line = line.TrimStart('>').Trim();
            }

            paragraph.Add(line);
        }

        EndParagraph();
        return builder.Build();
    }

    /// <summary>Returns the YAML front matter block (without its fences) and the body after it.</summary>
    public static (string? FrontMatter, string Body) SplitFrontMatter(string markdown)
    {
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, text);
        }

        var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            return (null, text);
        }

        var bodyStart = text.IndexOf('\n', end + 4);
        return (text[4..end], bodyStart < 0 ? "" : text[(bodyStart + 1)..]);
    }

    private static string StripFrontMatter(string markdown) => SplitFrontMatter(markdown).Body;

    private static List<string> SplitRow(string line) =>
        line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static bool IsListItem(string line, out string item)
    {
        item = line;
        if (line.Length > 2 && (line[0] is '-' or '*' or '+') && line[1] == ' ')
        {
            item = line[2..].Trim();
            return true;
        }

        var digits = line.TakeWhile(char.IsDigit).Count();
        if (digits > 0 && digits + 1 < line.Length && (line[digits] is '.' or ')') && line[digits + 1] == ' ')
        {
            item = line[(digits + 2)..].Trim();
            return true;
        }

        return false;
    }
}
