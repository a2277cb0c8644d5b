namespace AdoptionBot.Channels;

/// <summary>Where the bot posts. Section "Channels".</summary>
public sealed class ChannelsOptions
{
    public const string SectionName = "Channels";

    /// <summary>
    /// Whether a channel of a team with guests (people from outside the organisation) may follow a business unit. Off:
    /// such a team is refused, because status updates and digests name the unit's ideas and people.
    /// </summary>
    public bool AllowGuestTeams { get; set; }
}
