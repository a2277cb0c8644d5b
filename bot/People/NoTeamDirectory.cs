namespace AdoptionBot.People;

/// <summary>Used when Microsoft Graph is not configured: the names Teams sent with the activities are all there is.</summary>
public sealed class NoTeamDirectory : ITeamDirectory
{
    public Task<IReadOnlyDictionary<TeamChannel, TeamChannelNames>> GetNamesAsync(IReadOnlyCollection<TeamChannel> channels, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<TeamChannel, TeamChannelNames>>(new Dictionary<TeamChannel, TeamChannelNames>());
}
