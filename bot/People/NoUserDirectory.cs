namespace AdoptionBot.People;

/// <summary>Used when Microsoft Graph is not configured: nothing is known, so the employee chooses.</summary>
public sealed class NoUserDirectory : IUserDirectory
{
    public Task<string?> GetDepartmentAsync(string aadObjectId, CancellationToken ct) => Task.FromResult<string?>(null);
}
