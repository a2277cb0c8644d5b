namespace AdoptionBot.Delivery;

internal static partial class DeliveryLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox row {RowId} sent to {ConversationId}")]
    public static partial void Sent(ILogger logger, long rowId, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot Connector did not take a reply in {ConversationId}; it waits in the outbox as {DedupKey}: {Reason}")]
    public static partial void ReplySpooled(ILogger logger, string dedupKey, string conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took back {Rows} outbox rows leased by {Owner}, a process on this machine that has ended; they are sent now instead of when the lease runs out")]
    public static partial void LeasesTakenBack(ILogger logger, int rows, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} not sent (attempt {Attempt}); next try at {NextAttemptAtUtc:o}: {Reason}")]
    public static partial void WillRetry(ILogger logger, long rowId, int attempt, DateTime nextAttemptAtUtc, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {RowId} failed after {Attempts} attempts: {Reason}")]
    public static partial void Failed(ILogger logger, long rowId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox depth could not be read from the store ({Reason}); the gauge reports nothing until the next read")]
    public static partial void OutboxDepthUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector call for outbox row {RowId} failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, long rowId, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on outbox row {RowId} ran out before its outcome was stored; another instance may send it again")]
    public static partial void LeaseLost(ILogger logger, long rowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Rows} sent and failed outbox rows older than {RetentionDays} days")]
    public static partial void RetentionDeleted(ILogger logger, int rows, int retentionDays);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease on outbox row {RowId} renewed until {LeaseUntilUtc:o}")]
    public static partial void LeaseRenewed(ILogger logger, long rowId, DateTime leaseUntilUtc);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
