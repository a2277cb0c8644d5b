using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.BusinessUnits;

/// <summary>The portfolio's business units and which department belongs to which. Section "Portfolio".</summary>
public sealed class BusinessUnitOptions : IValidatableObject
{
    public const string SectionName = "Portfolio";

    /// <summary>Business units an idea can belong to (env Portfolio__BusinessUnits__0 ...). Empty: those found in the use-case catalogue.</summary>
    public List<string> BusinessUnits { get; set; } = [];

    /// <summary>
    /// Department (as in the employee's Entra profile) to business unit, e.g. "Field Service": "After-sales" in
    /// appsettings.json, or env Portfolio__DepartmentBusinessUnits__Logistics=Procurement. Matched ignoring case and
    /// surrounding spaces. A department that is itself the name of a business unit needs no entry.
    /// </summary>
    public Dictionary<string, string> DepartmentBusinessUnits { get; set; } = [];

    /// <summary>
    /// Business unit to the Entra object ids of the people who own its channels and, besides the portfolio team, may
    /// link a channel to it or unlink one from it, e.g. "UnitOwners": { "Purchasing": [ "object id", ... ] } in
    /// appsettings.json, or env Portfolio__UnitOwners__Purchasing__0. Units matched ignoring case.
    /// </summary>
    public Dictionary<string, List<string>> UnitOwners { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (unit, owners) in UnitOwners)
        {
            if (string.IsNullOrWhiteSpace(unit) || owners.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(UnitOwners)}:{unit} has an empty business unit or an empty object id.", [nameof(UnitOwners)]);
            }
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (department, businessUnit) in DepartmentBusinessUnits)
        {
            var key = $"{SectionName}:{nameof(DepartmentBusinessUnits)}:{department}";
            if (string.IsNullOrWhiteSpace(department))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(DepartmentBusinessUnits)} has an entry without a department.", [nameof(DepartmentBusinessUnits)]);
                continue;
            }

            if (string.IsNullOrWhiteSpace(businessUnit))
            {
                yield return new ValidationResult($"{key} names no business unit.", [nameof(DepartmentBusinessUnits)]);
                continue;
            }

            if (seen.TryGetValue(department.Trim(), out var earlier) && !string.Equals(earlier, businessUnit.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                yield return new ValidationResult(
                    $"{key} maps to '{businessUnit.Trim()}', but the same department is already mapped to '{earlier}'.",
                    [nameof(DepartmentBusinessUnits)]);
                continue;
            }

            seen[department.Trim()] = businessUnit.Trim();
        }
    }
}
