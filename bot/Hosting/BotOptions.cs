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
