namespace AdoptionBot.Questions;

internal static partial class QuestionsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Question answered: {Outcome}, {Citations} citations, top relevance {TopRelevance:F3}, {LatencyMs} ms")]
    public static partial void Answered(ILogger logger, string outcome, int citations, double topRelevance, long latencyMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on answer {AnswerId}: {Reaction}")]
    public static partial void FeedbackStored(ILogger logger, string answerId, string reaction);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a feedback invoke: {Reason}")]
    public static partial void FeedbackRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped streaming an answer: the connector refused an update ({ErrorType}); the full answer follows as one message")]
    public static partial void StreamUpdateFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A question could not be answered: the knowledge search or the embedding model failed ({ErrorType}: {Reason})")]
    public static partial void BackendUnavailable(ILogger logger, string errorType, string reason);
}
