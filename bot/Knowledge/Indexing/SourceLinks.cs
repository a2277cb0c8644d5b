using AdoptionBot.Knowledge.Reading;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>
/// Builds the link a citation points to: the configured base URL (where the documents are published) plus the
/// file's path and the heading anchor. With no base URL there is no link (empty): a path on the server would be a
/// dead link to readers and tell them where the bot keeps its files, so the citation names title and heading only.
/// </summary>
public sealed class SourceLinks(IOptions<KnowledgeOptions> options)
{
    public string ForDocument(string relativePath, string? heading)
    {
        var anchor = heading is null ? "" : "#" + TextCleaner.Anchor(heading);
        return Link(relativePath, anchor);
    }

    public string ForUseCase(string relativePath, string useCaseId) => Link(relativePath, "#" + Uri.EscapeDataString(useCaseId.ToLowerInvariant()));

    private string Link(string relativePath, string anchor)
    {
        var baseUrl = options.Value.SourceBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return "";
        }

        var escaped = string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));
        return baseUrl.TrimEnd('/') + "/" + escaped + anchor;
    }
}
