namespace AdoptionBot.People;

/// <summary>A team channel as the directory knows it: the team's Entra group id and the channel's id (19:...@thread.tacv2).</summary>
public sealed record TeamChannel(string TeamGroupId, string ChannelId);

/// <summary>A channel's names as Teams shows them now; null where the directory could not say.</summary>
public sealed record TeamChannelNames(string? TeamName, string? ChannelName);

/// <summary>What the organisation's directory knows about teams and their channels.</summary>
public interface ITeamDirectory
{
    /// <summary>
    /// The current names of the channels asked about. A channel is missing from the answer when nothing is known
    /// about it: no directory configured, team or channel not found, or the directory did not answer in time. Never
    /// throws for directory trouble, so callers fall back to the names they stored.
    /// </summary>
    Task<IReadOnlyDictionary<TeamChannel, TeamChannelNames>> GetNamesAsync(IReadOnlyCollection<TeamChannel> channels, CancellationToken ct);
}
