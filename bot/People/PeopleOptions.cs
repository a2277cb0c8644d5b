using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.People;

/// <summary>
/// Microsoft Graph, read for the employee's department (idea form pre-selection, the business unit a question counts
/// for) and for the current names of linked teams and channels (<c>channels</c>). Section "Graph". The app needs the
/// application permissions User.Read.All, Team.ReadBasic.All and Channel.ReadBasic.All with admin consent.
/// </summary>
public sealed class PeopleOptions : IValidatableObject
{
    public const string SectionName = "Graph";

    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>
    /// Look departments and team and channel names up in Microsoft Graph. Off: the employee always chooses the business
    /// unit, questions count for a business unit only when asked in its linked channels, and <c>channels</c> shows the
    /// names Teams sent when each channel was linked. Env Graph__Enabled.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Graph endpoint including the version; change it only for a national cloud.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Entra tenant id (or domain) of the app registration. Required when Enabled.</summary>
    public string? TenantId { get; set; }

    /// <summary>Client id of the app registration, or of the user-assigned managed identity. Required when Enabled.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Client secret of the app registration. Empty: the bot signs in as its user-assigned managed identity
    /// (ManagedIdentityClientId, or ClientId when that is empty). Keep it in a secret store (env Graph__ClientSecret).
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>Client id of the user-assigned managed identity, when it differs from ClientId.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Longest wait for Graph before the form opens without a pre-selection, or <c>channels</c> answers with stored names.</summary>
    [Range(0.1, 30.0, ErrorMessage = "Graph:TimeoutSeconds must be between 0.1 and 30.")]
    public double TimeoutSeconds { get; set; } = 2;

    /// <summary>How long a looked-up department, team name or channel name is remembered; 0 turns the cache off.</summary>
    [Range(0, 7 * 24 * 60, ErrorMessage = "Graph:CacheMinutes must be between 0 and 10080 (a week).")]
    public int CacheMinutes { get; set; } = 60;

    /// <summary>Most departments (and, separately, team and channel names) remembered at once; the least recently used go first.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Graph:CacheMaxEntries must be between 1 and 1000000.")]
    public int CacheMaxEntries { get; set; } = 10_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsValidBaseUrl(BaseUrl))
        {
            yield return new ValidationResult(
                $"Graph:BaseUrl '{BaseUrl}' must be an absolute https URL such as {DefaultBaseUrl} (http only for a loopback address).",
                [nameof(BaseUrl)]);
        }

        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(TenantId))
        {
            yield return new ValidationResult("Graph:TenantId is required when Graph:Enabled is true (env Graph__TenantId).", [nameof(TenantId)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Graph:ClientId is required when Graph:Enabled is true (env Graph__ClientId).", [nameof(ClientId)]);
        }
        else if (!Guid.TryParse(ClientId, out _))
        {
            yield return new ValidationResult($"Graph:ClientId '{ClientId}' is not a client id (a GUID).", [nameof(ClientId)]);
        }

        if (!string.IsNullOrWhiteSpace(ManagedIdentityClientId))
        {
            if (!Guid.TryParse(ManagedIdentityClientId, out _))
            {
                yield return new ValidationResult($"Graph:ManagedIdentityClientId '{ManagedIdentityClientId}' is not a client id (a GUID).", [nameof(ManagedIdentityClientId)]);
            }

            if (!string.IsNullOrWhiteSpace(ClientSecret))
            {
                yield return new ValidationResult(
                    "Graph:ClientSecret and Graph:ManagedIdentityClientId are both set; set the secret to sign in as the app registration, or the managed identity, not both.",
                    [nameof(ClientSecret), nameof(ManagedIdentityClientId)]);
            }
        }
    }

    private static bool IsValidBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
