namespace AdoptionBot.Ideas;

internal static partial class IdeasLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Forms} idea forms issued more than {ValidDays} days ago")]
    public static partial void FormsDeleted(ILogger logger, int forms, int validDays);
}
