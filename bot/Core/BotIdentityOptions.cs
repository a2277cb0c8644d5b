using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Core;

/// <summary>
/// The Bot Framework settings, read from the configuration root under their standard names. With no
/// MicrosoftAppId the bot runs in anonymous local mode (no tokens checked): for a laptop and the Agents Playground only.
/// </summary>
public sealed class BotIdentityOptions : IValidatableObject
{
    public const string SectionName = "";

    /// <summary>SingleTenant, MultiTenant or UserAssignedMSI.</summary>
    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>
    /// Overrides where channel tokens' signing keys come from (another cloud, or a test). The SDK then reads every channel
    /// setting from configuration and has no defaults for them, so <see cref="CloudSettings"/> must all be given too.
    /// </summary>
    public string? ToBotFromChannelOpenIdMetadataUrl { get; set; }

    public string? ToBotFromChannelTokenIssuer { get; set; }

    public string? ToChannelFromBotLoginUrl { get; set; }

    public string? ToChannelFromBotOAuthScope { get; set; }

    public string? OAuthUrl { get; set; }

    /// <summary>The settings the SDK needs with <see cref="ToBotFromChannelOpenIdMetadataUrl"/>; public-cloud values in docs/security.md.</summary>
    public static IReadOnlyList<string> CloudSettings { get; } =
        [nameof(ToBotFromChannelTokenIssuer), nameof(ToChannelFromBotLoginUrl), nameof(ToChannelFromBotOAuthScope), nameof(OAuthUrl)];

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsAnonymous)
        {
            yield break;
        }

        var type = MicrosoftAppType?.Trim() ?? "MultiTenant";
        if (type is not ("SingleTenant" or "MultiTenant" or "UserAssignedMSI"))
        {
            yield return new ValidationResult($"MicrosoftAppType '{MicrosoftAppType}' is not one of SingleTenant, MultiTenant, UserAssignedMSI.", [nameof(MicrosoftAppType)]);
        }

        if (type is "SingleTenant" or "UserAssignedMSI" && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return new ValidationResult($"MicrosoftAppTenantId is required when MicrosoftAppType is {type}.", [nameof(MicrosoftAppTenantId)]);
        }

        if (type is "SingleTenant" or "MultiTenant" && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return new ValidationResult($"MicrosoftAppPassword is required when MicrosoftAppType is {type}.", [nameof(MicrosoftAppPassword)]);
        }

        if (!string.IsNullOrWhiteSpace(ToBotFromChannelOpenIdMetadataUrl))
        {
            var values = new[] { ToBotFromChannelTokenIssuer, ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope, OAuthUrl };
            var missing = CloudSettings.Where((_, i) => string.IsNullOrWhiteSpace(values[i])).ToList();
            if (missing.Count > 0)
            {
                yield return new ValidationResult(
                    $"ToBotFromChannelOpenIdMetadataUrl is set, so the Bot Framework SDK takes every channel setting from configuration: also set {string.Join(", ", missing)} (docs/security.md lists the public cloud's values).",
                    missing);
            }

            if (!Uri.TryCreate(ToBotFromChannelOpenIdMetadataUrl, UriKind.Absolute, out var metadata) || metadata.Scheme != Uri.UriSchemeHttps)
            {
                yield return new ValidationResult("ToBotFromChannelOpenIdMetadataUrl must be an https URL: the SDK fetches signing keys over HTTPS only.", [nameof(ToBotFromChannelOpenIdMetadataUrl)]);
            }
        }
    }
}
