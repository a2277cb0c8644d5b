using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Tabs;

/// <summary>
/// The Teams tabs (section "Tabs"): the Entra app registration their users sign in with, and the local development
/// user of a laptop with no app registration at all.
/// </summary>
public sealed class TabsOptions : IValidatableObject
{
    public const string SectionName = "Tabs";

    /// <summary>
    /// Client id of the tabs' Entra app registration (Teams' webApplicationInfo.id). Empty: no sign-in, and on a laptop
    /// running the bot in anonymous mode the tabs serve <see cref="LocalUser"/> on loopback only.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>Its Application ID URI, api://{host}/{client id} (Teams' webApplicationInfo.resource): tokens for it or for the client id are taken.</summary>
    public string? Resource { get; set; }

    /// <summary>The Entra sign-in authority's base address.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Which hosts may frame the tabs (Content-Security-Policy frame-ancestors): Teams and Microsoft 365.</summary>
    public List<string> FrameAncestors { get; set; } =
    [
        "https://teams.microsoft.com", "https://*.teams.microsoft.com", "https://teams.cloud.microsoft", "https://*.cloud.microsoft",
        "https://*.office.com", "https://*.office365.com", "https://*.microsoft365.com", "https://outlook.office.com", "https://outlook.office365.com",
    ];

    /// <summary>How long a sign-in holds before the tab asks Teams (or Entra) again.</summary>
    public int SessionMinutes { get; set; } = 60;

    public LocalUserOptions LocalUser { get; set; } = new();

    public bool SignInConfigured => !string.IsNullOrWhiteSpace(ClientId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SignInConfigured && !Guid.TryParse(ClientId, out _))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(ClientId)} '{ClientId}' is not a client id (a GUID) of the tabs' app registration.", [nameof(ClientId)]);
        }

        if (!string.IsNullOrWhiteSpace(Resource) && (!Uri.TryCreate(Resource, UriKind.Absolute, out var resource) || resource.Scheme != "api"))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(Resource)} must be the app registration's Application ID URI, api://<host>/<client id>.", [nameof(Resource)]);
        }

        if (!Uri.TryCreate(Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(Instance)} must be an https URL such as https://login.microsoftonline.com/.", [nameof(Instance)]);
        }

        if (SessionMinutes is < 5 or > 24 * 60)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(SessionMinutes)} must be 5 to 1440.", [nameof(SessionMinutes)]);
        }

        foreach (var host in FrameAncestors.Where(h => string.IsNullOrWhiteSpace(h) || !h.StartsWith("https://", StringComparison.Ordinal) || h.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '\'')))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(FrameAncestors)} '{host}' is not an https host source such as https://teams.microsoft.com.", [nameof(FrameAncestors)]);
        }
    }
}

/// <summary>The user a laptop's tabs run as when nothing signs anyone in.</summary>
public sealed class LocalUserOptions
{
    public string ObjectId { get; set; } = "00000000-0000-0000-0000-00000000d0e1";

    public string Name { get; set; } = "Local developer";

    /// <summary>Whether the local user sees the portfolio team's tabs (besides being in Portfolio:Admins).</summary>
    public bool PortfolioTeam { get; set; } = true;
}
