namespace AdoptionBot.People;

/// <summary>What the organisation's directory knows about an employee.</summary>
public interface IUserDirectory
{
    /// <summary>
    /// The department in the employee's profile, or null when it is unknown: no directory configured, user not found,
    /// no department set, or the directory did not answer in time.
    /// </summary>
    /// <param name="aadObjectId">The employee's Entra object id (Teams' <c>aadObjectId</c>).</param>
    Task<string?> GetDepartmentAsync(string aadObjectId, CancellationToken ct);
}
