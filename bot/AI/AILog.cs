namespace AdoptionBot.AI;

internal static partial class AILog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Language model answer: {Outcome} in {ElapsedMs} ms, {Passages} passages, {Citations} cited, streamed {Streamed}")]
    public static partial void Generated(ILogger logger, string outcome, long elapsedMs, int passages, int citations, bool streamed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model did not answer within {TimeoutSeconds} s; sent the extracted answer instead")]
    public static partial void TimedOut(ILogger logger, int timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model call failed ({ErrorType}); sent the extracted answer instead")]
    public static partial void Failed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI answers from {Provider} deployment {ChatDeployment}; embeddings from {Embeddings}")]
    public static partial void Configured(ILogger logger, AIProvider provider, string chatDeployment, string embeddings);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query rewrite by the language model: {Used}")]
    public static partial void Rewrote(ILogger logger, bool used);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The query rewrite failed ({Reason}); searched the typed words")]
    public static partial void RewriteFailed(ILogger logger, string reason);
}
