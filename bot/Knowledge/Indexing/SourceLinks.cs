using AdoptionBot.Knowledge.Reading;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>
/// Builds the link a citation points to: the configured base URL (where the documents are published) plus the
/// file's path and the heading anchor, or a file URL into the local knowledge folder when no base URL is set.
/// </summary>
public sealed class SourceLinks(IOptions<KnowledgeOptions> options)
{
    public string ForDocument(string relativePath, string? heading)
    {
        var anchor = heading is null ? "" : "#" + TextCleaner.Anchor(heading);
        return Base(relativePath) + anchor;
    }

    public string ForUseCase(string relativePath, string useCaseId) => Base(relativePath) + "#" + Uri.EscapeDataString(useCaseId.ToLowerInvariant());

    private string Base(string relativePath)
    {
        var escaped = string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));
        var baseUrl = options.Value.SourceBaseUrl;
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            return baseUrl.TrimEnd('/') + "/" + escaped;
        }

        return new Uri(Path.Combine(options.Value.ResolvedPath, relativePath)).AbsoluteUri;
    }
}
