using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace AdoptionBot.Knowledge.Reading;

/// <summary>Reads HTML: h1–h6 as headings, p/li/blockquote as blocks, table rows flattened; script and style dropped.</summary>
public sealed class HtmlReader : IDocumentReader
{
    private static readonly HashSet<string> InlineElements =
        ["a", "abbr", "b", "br", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u"];

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    /// <summary>Deeper element nesting than this is refused: the walk over the elements is recursive.</summary>
    public const int MaxDepth = 256;

    public ParsedDocument Read(string path, ReadLimits? limits = null) =>
        Parse(TextCleaner.ReadText(path, limits), (limits ?? ReadLimits.Default).Stop);

    public static ParsedDocument Parse(string html, CancellationToken stop = default)
    {
        // The parser itself recurses over open elements: its depth limit (process-wide, and only this reader parses HTML)
        // stops it before the stack overflows, which no catch could handle.
        HtmlDocument.MaxDepthLevel = MaxDepth;
        var document = new HtmlDocument();
        try
        {
            document.LoadHtml(html);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("The HTML nests its elements too deeply.", ex);
        }

        CheckDepth(document.DocumentNode, stop);
        var builder = new SectionBuilder();
        var body = document.DocumentNode.SelectSingleNode("//body") ?? document.DocumentNode;
        Walk(body, builder, stop);
        var titleNode = document.DocumentNode.SelectSingleNode("//title");
        var parsed = builder.Build();
        var title = titleNode is null ? null : TextCleaner.Normalize(WebUtility.HtmlDecode(titleNode.InnerText));
        return string.IsNullOrEmpty(parsed.Title) && !string.IsNullOrEmpty(title) ? parsed with { Title = title } : parsed;
    }

    private static void CheckDepth(HtmlNode root, CancellationToken stop)
    {
        var pending = new Stack<(HtmlNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            stop.ThrowIfCancellationRequested();
            var (node, depth) = pending.Pop();
            if (depth > MaxDepth)
            {
                throw new InvalidDataException("The HTML nests its elements too deeply.");
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push((child, depth + 1));
            }
        }
    }

    private static void Walk(HtmlNode node, SectionBuilder builder, CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested();
        // Text and inline elements directly inside a container (div, a list item with a nested list...) form one block.
        var inline = new StringBuilder();
        foreach (var child in node.ChildNodes)
        {
            var name = child.Name.ToLowerInvariant();
            if (name == "#text" || InlineElements.Contains(name))
            {
                inline.Append(name == "br" ? " " : WebUtility.HtmlDecode(child.InnerText));
                continue;
            }

            EndInline(inline, builder);
            switch (name)
            {
                case "script" or "style" or "noscript" or "template" or "nav" or "head":
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    builder.Heading(name[1] - '0', Text(child));
                    break;
                case "p" or "li" or "blockquote" or "pre" or "dt" or "dd" or "figcaption":
                    if (child.SelectSingleNode(".//ul|.//ol|.//p") is null)
                    {
                        builder.Block(Text(child));
                    }
                    else
                    {
                        Walk(child, builder, stop);
                    }

                    break;
                case "table":
                    ReadTable(child, builder);
                    break;
                default:
                    Walk(child, builder, stop);
                    break;
            }
        }

        EndInline(inline, builder);
    }

    private static void EndInline(StringBuilder inline, SectionBuilder builder)
    {
        builder.Block(inline.ToString());
        inline.Clear();
    }

    private static void ReadTable(HtmlNode table, SectionBuilder builder)
    {
        var rows = table.SelectNodes(".//tr");
        if (rows is null)
        {
            return;
        }

        List<string>? header = null;
        foreach (var row in rows)
        {
            var cells = row.SelectNodes("./th|./td")?.Select(Text).ToList() ?? [];
            if (header is null && (row.SelectNodes("./th") is not null || row.ParentNode?.Name == "thead"))
            {
                header = cells;
                continue;
            }

            builder.TableRow(header ?? [], cells);
        }
    }

    private static string Text(HtmlNode node) => TextCleaner.Normalize(WebUtility.HtmlDecode(node.InnerText));
}
