using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Hosting;

/// <summary>Who may talk to the bot. Section "Bot".</summary>
public sealed class BotOptions : IValidatableObject
{
    public const string SectionName = "Bot";

    /// <summary>
    /// Entra tenant ids (GUIDs) whose activities the bot handles (env Bot__AllowedTenants__0, __1, ...); activities
    /// from any other tenant are dropped unanswered. Empty: every tenant, which start-up warns about when MicrosoftAppId is set.
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>
    /// The largest request body /api/messages reads, in KiB. Teams activities are a few KiB (a message's text is capped
    /// near 28 KiB); a larger body is refused with 413 before anything parses it, token checks included.
    /// </summary>
    [Range(16, 10_240, ErrorMessage = "Bot:MaxRequestKilobytes must be between 16 and 10240.")]
    public int MaxRequestKilobytes { get; set; } = 256;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedTenants.Count; i++)
        {
            if (!Guid.TryParse(AllowedTenants[i], out _))
            {
                yield return new ValidationResult($"Bot:AllowedTenants:{i} '{AllowedTenants[i]}' is not a tenant id (a GUID).", [nameof(AllowedTenants)]);
            }
        }
    }
}
