namespace AdoptionBot.Delivery;

/// <summary>Delivery states of an outbox row.</summary>
public static class OutboxStatuses
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>What an outbox message is, as the portfolio team's <c>channels</c> list names undelivered ones.</summary>
public static class OutboxKinds
{
    /// <summary>An idea's move, posted in a channel that follows its business unit.</summary>
    public const string StatusUpdate = "statusUpdate";

    /// <summary>A message to one person in their 1:1 chat.</summary>
    public const string Notice = "notice";

    /// <summary>The weekly adoption digest.</summary>
    public const string Digest = "digest";

    /// <summary>A reply to a turn that the Bot Connector did not take at the time.</summary>
    public const string Reply = "reply";
}

/// <summary>
/// A proactive message (status update, 1:1 notice, digest) written to the store before it is sent, so a crash or
/// restart loses nothing. <see cref="DedupKey"/> is unique: the same message can be enqueued only once.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 1000;

    public long Id { get; set; }

    /// <summary>e.g. "status:IDEA-0007:v3:channel:19:..." or "digest:2026-11-30:channel:19:...".</summary>
    public required string DedupKey { get; set; }

    /// <summary>One of <see cref="OutboxKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The conversation to post into (a channel, or a personal chat); null with <see cref="UserChannelId"/> to create the personal chat first.</summary>
    public string? ConversationId { get; set; }

    /// <summary>For a 1:1 notice to someone the bot has no conversation with: their channel user id (29:...).</summary>
    public string? UserChannelId { get; set; }

    /// <summary>For channel posts: the link it was sent for, handed back to the observers when the channel is gone.</summary>
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

    /// <summary>The id the connector gave the posted message: a replacement (<see cref="IOutbox.ReplaceAsync"/>) updates that message in place.</summary>
    public string? SentActivityId { get; set; }

    /// <summary>Raised by every replacement; a send marks the row sent only when no newer content came in meanwhile.</summary>
    public int ContentVersion { get; set; }

    public string? LastError { get; set; }

    /// <summary>Where the row goes.</summary>
    public OutboxRecipient Recipient => new(TenantId, ServiceUrl, BotId, ConversationId, UserChannelId, ChannelLinkId);
}
