using AdoptionBot.Delivery;

namespace AdoptionBot.Channels;

/// <summary>A Teams channel that follows one business unit: it gets that unit's status updates and weekly digest.</summary>
public sealed class ChannelLink
{
    public const int MaxReasonLength = 500;

    public int Id { get; set; }

    /// <summary>The channel's conversation id (19:...@thread.tacv2); one link per channel.</summary>
    public required string ChannelId { get; set; }

    public string? TeamId { get; set; }

    /// <summary>The team's Entra group id (Teams' <c>aadGroupId</c>): Microsoft Graph knows the team by it.</summary>
    public string? TeamGroupId { get; set; }

    public string? TeamName { get; set; }

    public string? ChannelName { get; set; }

    public required string TenantId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string BotId { get; set; }

    public required string BusinessUnit { get; set; }

    public string? LinkedByObjectId { get; set; }

    public required string LinkedByName { get; set; }

    public DateTime LinkedAtUtc { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Why the link stopped (unlinked, bot removed, channel gone), when inactive.</summary>
    public string? DeactivatedReason { get; set; }

    public DateTime? DeactivatedAtUtc { get; set; }

    /// <summary>Where posts for this link go; the outbox hands the link id back when the channel is gone.</summary>
    public OutboxRecipient Recipient => new(TenantId, ServiceUrl, BotId, ChannelId, ChannelLinkId: Id);
}
