using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace AdoptionBot.Knowledge.AzureSearch;

/// <summary>
/// The Azure AI Search index the bot writes and queries when Knowledge:Index is AzureAISearch. Section
/// "Knowledge:AzureAISearch". The bot signs in with <see cref="ApiKey"/> when set, otherwise with its managed identity,
/// which needs the roles Search Service Contributor (index schema) and Search Index Data Contributor (documents).
/// </summary>
public sealed partial class AzureAISearchOptions
{
    private const string Prefix = "Knowledge:AzureAISearch:";

    /// <summary>The service URL, https://NAME.search.windows.net. Env Knowledge__AzureAISearch__Endpoint.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The index the bot creates and keeps in line with the knowledge folder. Env Knowledge__AzureAISearch__IndexName.</summary>
    public string? IndexName { get; set; }

    /// <summary>An admin key. Empty: Entra sign-in (recommended; keep a key in a secret store). Env Knowledge__AzureAISearch__ApiKey.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity. Empty: DefaultAzureCredential (AZURE_CLIENT_ID, developer sign-ins).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Re-rank hybrid results with the semantic ranker; the service must have semantic ranking enabled (billed per query).</summary>
    public bool SemanticRanker { get; set; }

    /// <summary>Most documents per upload request; the bot also keeps each request well under the service's 16 MB limit.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Nearest neighbours the vector half of a hybrid query returns before fusion.</summary>
    public int VectorCandidates { get; set; } = 50;

    /// <summary>Longest wait for one request to the service while indexing.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Longest wait for a question's search, retries included, so the answer still fits Teams' 15-second turn.</summary>
    public double QueryTimeoutSeconds { get; set; } = 3;

    internal IEnumerable<ValidationResult> Validate()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            yield return Error("Endpoint is required when Knowledge:Index is AzureAISearch (env Knowledge__AzureAISearch__Endpoint).", nameof(Endpoint));
        }
        else if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            yield return Error($"Endpoint '{Endpoint}' is not an absolute https URL such as https://NAME.search.windows.net.", nameof(Endpoint));
        }

        if (string.IsNullOrWhiteSpace(IndexName))
        {
            yield return Error("IndexName is required when Knowledge:Index is AzureAISearch (env Knowledge__AzureAISearch__IndexName).", nameof(IndexName));
        }
        else if (!IndexNamePattern().IsMatch(IndexName))
        {
            yield return Error(
                $"IndexName '{IndexName}' is not a valid index name: lower-case letters, digits and dashes, starting with a letter or digit, at most 128 characters.",
                nameof(IndexName));
        }

        if (!string.IsNullOrWhiteSpace(ManagedIdentityClientId) && !Guid.TryParse(ManagedIdentityClientId, out _))
        {
            yield return Error($"ManagedIdentityClientId '{ManagedIdentityClientId}' is not a client id (a GUID).", nameof(ManagedIdentityClientId));
        }

        if (BatchSize is < 1 or > 1000)
        {
            yield return Error($"BatchSize {BatchSize} must be between 1 and 1000 (the service's limit per request).", nameof(BatchSize));
        }

        if (VectorCandidates is < 1 or > 1000)
        {
            yield return Error($"VectorCandidates {VectorCandidates} must be between 1 and 1000.", nameof(VectorCandidates));
        }

        if (QueryTimeoutSeconds is < 0.5 or > 12)
        {
            yield return Error($"QueryTimeoutSeconds {QueryTimeoutSeconds} must be between 0.5 and 12, so an answer still fits Teams' 15-second turn.", nameof(QueryTimeoutSeconds));
        }

        if (TimeoutSeconds is < 1 or > 300)
        {
            yield return Error($"TimeoutSeconds {TimeoutSeconds} must be between 1 and 300.", nameof(TimeoutSeconds));
        }
    }

    private static ValidationResult Error(string message, string member) => new(Prefix + message, ["AzureAISearch." + member]);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,126}[a-z0-9])?$")]
    private static partial Regex IndexNamePattern();
}
