namespace AdoptionBot.Questions;

internal static partial class QuestionsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Question answered: {Outcome}, {Citations} citations, top relevance {TopRelevance:F3}, confidence {Confidence:F2}, {LatencyMs} ms")]
    public static partial void Answered(ILogger logger, string outcome, int citations, double topRelevance, double confidence, long latencyMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on answer {AnswerId}: {Reaction}")]
    public static partial void FeedbackStored(ILogger logger, string answerId, string reaction);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a feedback invoke: {Reason}")]
    public static partial void FeedbackRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored an unhelpful rating but could not send the offers under it ({ErrorType})")]
    public static partial void FeedbackOfferNotSent(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped streaming an answer: the connector refused an update ({ErrorType}); the full answer follows as one message")]
    public static partial void StreamUpdateFailed(ILogger logger, string errorType, Exception exception);

    // The reason stays at Debug: a search service's error text can quote the query, which is the user's question.
    [LoggerMessage(Level = LogLevel.Warning, Message = "A question could not be answered: the knowledge search or the embedding model failed ({ErrorType})")]
    public static partial void BackendUnavailable(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Knowledge search failure detail: {Reason}")]
    public static partial void BackendFailureDetail(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Questions} questions and {Feedback} feedback entries older than {RetentionDays} days")]
    public static partial void RetentionDeleted(ILogger logger, int questions, int feedback, int retentionDays);


    [LoggerMessage(Level = LogLevel.Warning, Message = "The store was busy; the question is answered without the asker's earlier questions ({Reason})")]
    public static partial void HistoryUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store was busy; an answered question ({Outcome}) was not recorded for analytics ({Reason})")]
    public static partial void QuestionNotRecorded(ILogger logger, string outcome, string reason);
}
