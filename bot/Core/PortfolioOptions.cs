using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Core;

/// <summary>The portfolio team. Section "Portfolio".</summary>
public sealed class PortfolioOptions : IValidatableObject
{
    public const string SectionName = "Portfolio";

    /// <summary>Entra object ids of the portfolio team, who may run admin commands (env Portfolio__Admins__0, __1, ...).</summary>
    public List<string> Admins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Admins.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Admins[i]))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(Admins)}:{i} is empty; give the Entra object id of a portfolio team member or remove the entry.", [nameof(Admins)]);
            }
        }
    }
}
