using AdoptionBot.Delivery;

namespace AdoptionBot.Channels;

/// <summary>A Teams channel that follows one business unit: it gets that unit's status updates and weekly digest.</summary>
public sealed class ChannelLink
{
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

    /// <summary>A pending outbox row that posts <paramref name="activityJson"/> in this channel.</summary>
    public OutboxMessage ToOutbox(string dedupKey, string kind, string activityJson, DateTime nowUtc) => new()
    {
        DedupKey = dedupKey,
        Kind = kind,
        ConversationId = ChannelId,
        ChannelLinkId = Id,
        TenantId = TenantId,
        ServiceUrl = ServiceUrl,
        BotId = BotId,
        ActivityJson = activityJson,
        Status = OutboxStatuses.Pending,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };
}

/// <summary>Where the bot can reach a person 1:1: the personal conversation Teams gave it, kept from their last message.</summary>
public sealed class PersonalConversation
{
    public required string UserObjectId { get; set; }

    public required string UserChannelId { get; set; }

    public required string ConversationId { get; set; }

    public required string TenantId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string BotId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
