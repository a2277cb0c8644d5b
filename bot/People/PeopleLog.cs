namespace AdoptionBot.People;

internal static partial class PeopleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Business units are pre-selected from the department in Microsoft Graph ({BaseUrl}), signing in with {Credential}")]
    public static partial void GraphDirectoryEnabled(ILogger logger, string baseUrl, string credential);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph did not answer the department lookup within {TimeoutSeconds} s; the form opens without a pre-selected business unit")]
    public static partial void LookupTimedOut(ILogger logger, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph throttled the department lookup (HTTP 429); no lookups for {PauseSeconds} s, forms open without a pre-selected business unit")]
    public static partial void LookupThrottled(ILogger logger, double pauseSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph refused the department lookup (HTTP {StatusCode} {ErrorCode}): the app needs the application permission User.Read.All with admin consent")]
    public static partial void LookupForbidden(ILogger logger, int statusCode, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph failed the department lookup (HTTP {StatusCode} {ErrorCode}); the form opens without a pre-selected business unit")]
    public static partial void LookupFailed(ILogger logger, int statusCode, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The department lookup in Microsoft Graph failed; the form opens without a pre-selected business unit")]
    public static partial void LookupError(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Department lookup skipped: Microsoft Graph asked to wait until {ResumeAt:O}")]
    public static partial void LookupPaused(ILogger logger, DateTimeOffset resumeAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph did not name every team and channel within {TimeoutSeconds} s; the others show the names stored when they were linked")]
    public static partial void TeamLookupTimedOut(ILogger logger, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph throttled the team and channel lookup (HTTP 429); no lookups for {PauseSeconds} s, channels show their stored names")]
    public static partial void TeamLookupThrottled(ILogger logger, double pauseSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Team and channel lookup skipped: Microsoft Graph asked to wait until {ResumeAt:O}")]
    public static partial void TeamLookupPaused(ILogger logger, DateTimeOffset resumeAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph refused the team and channel lookup (HTTP {StatusCode} {ErrorCode}): the app needs the application permissions Team.ReadBasic.All and Channel.ReadBasic.All with admin consent")]
    public static partial void TeamLookupForbidden(ILogger logger, int statusCode, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph failed the team and channel lookup (HTTP {StatusCode} {ErrorCode}); channels show their stored names")]
    public static partial void TeamLookupFailed(ILogger logger, int statusCode, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The team and channel lookup in Microsoft Graph failed; channels show their stored names")]
    public static partial void TeamLookupError(ILogger logger, Exception exception);
}
