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

    public ParsedDocument Read(string path) => Parse(TextCleaner.ReadText(path));

    public static ParsedDocument Parse(string html)
    {
        var document = new HtmlDocument();
        document.LoadHtml(html);
        var builder = new SectionBuilder();
        var body = document.DocumentNode.SelectSingleNode("//body") ?? document.DocumentNode;
        Walk(body, builder);
        var titleNode = document.DocumentNode.SelectSingleNode("//title");
        var parsed = builder.Build();
        var title = titleNode is null ? null : TextCleaner.Normalize(WebUtility.HtmlDecode(titleNode.InnerText));
        return string.IsNullOrEmpty(parsed.Title) && !string.IsNullOrEmpty(title) ? parsed with { Title = title } : parsed;
    }

    private static void Walk(HtmlNode node, SectionBuilder builder)
    {
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
                        Walk(child, builder);
                    }

                    break;
                case "table":
                    ReadTable(child, builder);
                    break;
                default:
                    Walk(child, builder);
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
