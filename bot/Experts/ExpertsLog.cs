namespace AdoptionBot.Experts;

internal static partial class ExpertsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketId} opened ({Origin}); posted to the experts' channel: {ToChannel}")]
    public static partial void TicketOpened(ILogger logger, string ticketId, string origin, bool toChannel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {TicketId}: the asker's 1:1 chat is unknown, so the answer cannot be relayed")]
    public static partial void AskerUnreachable(ILogger logger, string ticketId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot's attempt for a new ticket failed ({ErrorType}); the ticket is opened without it")]
    public static partial void AttemptFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "FAQ entries indexed: {Reindexed} written, {Removed} removed, in {ElapsedMs} ms")]
    public static partial void FaqsIndexed(ILogger logger, int reindexed, int removed, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing the FAQ entries failed; the next knowledge sync brings them in")]
    public static partial void FaqIndexFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "FAQ entry {FaqId} made from {TicketId}: {State}")]
    public static partial void FaqProposed(ILogger logger, string faqId, string ticketId, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "FAQ entry {FaqId} is now {State}")]
    public static partial void FaqChanged(ILogger logger, string faqId, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "The experts' watch failed; it tries again at its next pass")]
    public static partial void WatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded the experts of {Count} tickets waiting too long")]
    public static partial void Reminded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Experts' channel {ChannelLinkId} stopped ({Reason}); {Moved} open tickets went to the portfolio team's 1:1 chats")]
    public static partial void ChannelStopped(ILogger logger, int channelLinkId, string reason, int moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} tickets older than {Days} days (Questions:RetentionDays)")]
    public static partial void TicketsDeleted(ILogger logger, int count, int days);
}
