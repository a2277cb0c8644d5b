namespace AdoptionBot.Knowledge.Reading;

/// <summary>
/// Reads plain text: the first line is the title; a short line standing alone between blank lines,
/// without closing punctuation, is taken as a section heading; other blank-line separated runs are paragraphs.
/// </summary>
public sealed class PlainTextReader : IDocumentReader
{
    private const int MaxHeadingLength = 80;

    public IReadOnlyCollection<string> Extensions { get; } = [".txt"];

    public ParsedDocument Read(string path, ReadLimits? limits = null) =>
        Parse(TextCleaner.ReadText(path, limits), (limits ?? ReadLimits.Default).Stop);

    public static ParsedDocument Parse(string text, CancellationToken stop = default)
    {
        var builder = new SectionBuilder();
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = true;
        foreach (var paragraph in paragraphs)
        {
            stop.ThrowIfCancellationRequested();
            var lines = paragraph.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0)
            {
                continue;
            }

            if (first)
            {
                first = false;
                builder.Heading(1, lines[0]);
                lines = lines[1..];
            }
            else if (lines.Length == 1 && LooksLikeHeading(lines[0]))
            {
                builder.Heading(2, lines[0].TrimEnd(':'));
                continue;
            }

            foreach (var block in GroupListItems(lines))
            {
                builder.Block(block);
            }
        }

        return builder.Build();
    }

    private static bool LooksLikeHeading(string line) =>
        line.Length <= MaxHeadingLength && !line.EndsWith('.') && !line.EndsWith('?') && !line.EndsWith('!') && !line.StartsWith('-');

    private static IEnumerable<string> GroupListItems(string[] lines)
    {
        var current = new List<string>();
        foreach (var line in lines)
        {
            var isItem = line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)
                || (line.Length > 2 && char.IsDigit(line[0]) && (line[1] is '.' or ')'));
            if (isItem && current.Count > 0)
            {
                yield return string.Join(' ', current);
                current.Clear();
            }

            current.Add(isItem ? line.TrimStart('-', '*', ' ') : line);
        }

        if (current.Count > 0)
        {
            yield return string.Join(' ', current);
        }
    }
}
