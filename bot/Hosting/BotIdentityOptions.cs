using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Hosting;

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
    }
}
