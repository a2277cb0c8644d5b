using System.ComponentModel.DataAnnotations;
using AdoptionBot.Knowledge.AzureSearch;

namespace AdoptionBot.Knowledge;

/// <summary>Which index holds the knowledge base.</summary>
public enum KnowledgeIndexKind
{
    /// <summary>SQLite file plus in-memory vectors, on each instance.</summary>
    Embedded,

    /// <summary>An Azure AI Search index shared by all instances.</summary>
    AzureAISearch,
}

/// <summary>Where the knowledge base lives and how it is indexed. Section "Knowledge".</summary>
public sealed class KnowledgeOptions : IValidatableObject
{
    public const string SectionName = "Knowledge";

    /// <summary>
    /// Folder of guidelines and the use-case catalogue (under use-cases/). Default: the repository's knowledge/
    /// folder, found by walking up from the content root. Env: Knowledge__Path.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// Where the documents are published for readers (e.g. a SharePoint library); citations link there, and links to its
    /// host may stay in answers. Empty: citations name the document and heading without a link.
    /// </summary>
    public string? SourceBaseUrl { get; set; }

    /// <summary>Embedded (default) or AzureAISearch. Env: Knowledge__Index.</summary>
    public KnowledgeIndexKind Index { get; set; } = KnowledgeIndexKind.Embedded;

    /// <summary>The Azure AI Search service and index; read only when Index is AzureAISearch.</summary>
    public AzureAISearchOptions AzureAISearch { get; set; } = new();

    /// <summary>The on-disk index of the embedded search. Default: knowledge-index.db in the data folder.</summary>
    public string? IndexFile { get; set; }

    /// <summary>Re-read the knowledge folder at start-up (changed files only).</summary>
    public bool IndexOnStartup { get; set; } = true;

    /// <summary>Texts embedded per model call while indexing.</summary>
    [Range(1, 256)]
    public int EmbeddingBatchSize { get; set; } = 32;

    /// <summary>
    /// The largest knowledge file read, in MB; for a Word document also the unpacked size of its parts (a zip bomb is
    /// refused). A larger file is skipped with a warning and the rest of the knowledge base is indexed.
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Knowledge:MaxFileMegabytes must be between 1 and 1024.")]
    public int MaxFileMegabytes { get; set; } = 50;

    /// <summary>How long one knowledge file may take to read, in seconds; a file that takes longer is skipped with a warning.</summary>
    [Range(1, 600, ErrorMessage = "Knowledge:MaxFileSeconds must be between 1 and 600.")]
    public int MaxFileSeconds { get; set; } = 30;

    internal string ResolvedPath => Path ?? throw new InvalidOperationException("Knowledge:Path was not resolved at start-up.");

    internal string ResolvedIndexFile => IndexFile ?? throw new InvalidOperationException("Knowledge:IndexFile was not resolved at start-up.");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult(
                "Knowledge:Path is not set and no knowledge/ folder was found above the content root. Set Knowledge:Path (env Knowledge__Path) to the folder of guidelines and use cases.",
                [nameof(Path)]);
        }

        if (!string.IsNullOrWhiteSpace(SourceBaseUrl) && !(Uri.TryCreate(SourceBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"Knowledge:SourceBaseUrl '{SourceBaseUrl}' is not an absolute http(s) URL.", [nameof(SourceBaseUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(Path) && !Directory.Exists(Path))
        {
            yield return new ValidationResult(
                $"Knowledge:Path points to '{Path}', which does not exist. Set Knowledge:Path (env Knowledge__Path) to the folder of guidelines and use cases.",
                [nameof(Path)]);
        }

        if (!Enum.IsDefined(Index))
        {
            yield return new ValidationResult($"Knowledge:Index '{Index}' is not one of Embedded, AzureAISearch.", [nameof(Index)]);
        }

        if (Index == KnowledgeIndexKind.AzureAISearch)
        {
            foreach (var result in AzureAISearch.Validate())
            {
                yield return result;
            }
        }
    }
}
