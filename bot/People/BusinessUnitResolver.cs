namespace AdoptionBot.People;

/// <summary>Finds the business unit to pre-select for an employee from the department in their profile.</summary>
public sealed class BusinessUnitResolver(IUserDirectory directory, DepartmentBusinessUnitMap map, ILogger<BusinessUnitResolver> logger)
{
    /// <summary>
    /// One of <paramref name="validBusinessUnits"/>, or null when the employee's business unit cannot be known; the
    /// employee then chooses.
    /// </summary>
    public async Task<string?> GetBusinessUnitAsync(string aadObjectId, IReadOnlyCollection<string> validBusinessUnits, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(aadObjectId) || validBusinessUnits.Count == 0)
        {
            return null;
        }

        var department = await directory.GetDepartmentAsync(aadObjectId, ct);
        if (department is null)
        {
            return null;
        }

        var businessUnit = map.Map(department, validBusinessUnits);
        if (businessUnit is null)
        {
            PeopleLog.DepartmentNotMapped(logger, department);
        }

        return businessUnit;
    }
}
