namespace AdoptionBot.Channels;

/// <summary>What happened to a channel's link, kept for the portfolio team's <c>channels</c> view.</summary>
public static class ChannelLinkChanges
{
    public const string Linked = "linked";
    public const string Relinked = "relinked";
    public const string Unlinked = "unlinked";
    public const string Stopped = "stopped";
}

/// <summary>One change of a channel's link: who pointed the channel where, and when.</summary>
public sealed class ChannelLinkChange
{
    public long Id { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>One of <see cref="ChannelLinkChanges"/>.</summary>
    public required string Change { get; set; }

    /// <summary>The unit the channel follows after the change; null when it stopped.</summary>
    public string? BusinessUnit { get; set; }

    /// <summary>The unit it followed before; null when it followed none.</summary>
    public string? PreviousBusinessUnit { get; set; }

    public string? ByObjectId { get; set; }

    /// <summary>Who made the change, or why it happened when nobody did (the bot was removed, the channel is gone).</summary>
    public required string By { get; set; }

    public DateTime AtUtc { get; set; }
}
