namespace AdoptionBot.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Retention rule {Rule} failed; the next pass runs in {Pause}")]
    public static partial void RetentionRuleFailed(ILogger logger, Exception exception, string rule, TimeSpan pause);
}
