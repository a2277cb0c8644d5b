namespace AdoptionBot.Delivery;

/// <summary>Delivery states of an outbox row.</summary>
public static class OutboxStatuses
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>
/// A proactive message (status update, 1:1 notice, digest) written to the store before it is sent, so a crash or
/// restart loses nothing. <see cref="DedupKey"/> is unique: the same message can be enqueued only once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>e.g. "status:IDEA-0007:v3:channel:19:..." or "digest:2026-11-30:channel:19:...".</summary>
    public required string DedupKey { get; set; }

    /// <summary>statusUpdate, notice, digest.</summary>
    public required string Kind { get; set; }

    /// <summary>The conversation to post into (a channel, or a personal chat); null with <see cref="UserChannelId"/> to create the personal chat first.</summary>
    public string? ConversationId { get; set; }

    /// <summary>For a 1:1 notice to someone the bot has no conversation with: their channel user id (29:...).</summary>
    public string? UserChannelId { get; set; }

    /// <summary>For channel posts: the link it was sent for, so a 403/404 can deactivate it.</summary>
    public int? ChannelLinkId { get; set; }

    public required string TenantId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string BotId { get; set; }

    /// <summary>The activity to send, as Bot Framework JSON.</summary>
    public required string ActivityJson { get; set; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>The sender instance that claimed the row, until <see cref="LeaseUntilUtc"/>.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public string? LastError { get; set; }
}
