using Microsoft.Extensions.Options;

namespace AdoptionBot.BusinessUnits;

/// <summary>Maps a department from the employee's profile to one of the portfolio's business units.</summary>
public sealed class DepartmentBusinessUnitMap
{
    private readonly Dictionary<string, string> _businessUnitByDepartment;

    public DepartmentBusinessUnitMap(IOptions<BusinessUnitOptions> options)
    {
        _businessUnitByDepartment = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (department, businessUnit) in options.Value.DepartmentBusinessUnits)
        {
            if (!string.IsNullOrWhiteSpace(department) && !string.IsNullOrWhiteSpace(businessUnit))
            {
                _businessUnitByDepartment[department.Trim()] = businessUnit.Trim();
            }
        }
    }

    /// <summary>
    /// The business unit of <paramref name="department"/>, spelt as in <paramref name="validBusinessUnits"/>; null when
    /// the department is neither mapped nor the name of a business unit, or is mapped to a unit that is not valid.
    /// </summary>
    public string? Map(string? department, IReadOnlyCollection<string> validBusinessUnits)
    {
        if (string.IsNullOrWhiteSpace(department))
        {
            return null;
        }

        var trimmed = department.Trim();
        var candidate = _businessUnitByDepartment.TryGetValue(trimmed, out var mapped) ? mapped : trimmed;
        return validBusinessUnits.FirstOrDefault(unit => string.Equals(unit?.Trim(), candidate, StringComparison.OrdinalIgnoreCase));
    }
}
