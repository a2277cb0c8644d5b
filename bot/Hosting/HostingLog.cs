namespace AdoptionBot.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed (correlation id {CorrelationId}, activity type {ActivityType})")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string correlationId, string activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MicrosoftAppId is set: the bot runs in anonymous local mode and accepts unauthenticated requests. Set MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId before exposing it.")]
    public static partial void AnonymousMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity of type {ActivityType}: {Reason}")]
    public static partial void ActivityRefused(ILogger logger, string activityType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn not finished: the store stayed busy or unreachable past its timeout (correlation id {CorrelationId}, activity type {ActivityType}, {Reason}); the user was asked to try again")]
    public static partial void TurnStoreBusy(ILogger logger, string correlationId, string activityType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the user that turn {CorrelationId} failed: the Bot Connector refused the message ({Reason})")]
    public static partial void ApologyNotSent(ILogger logger, string correlationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to /api/messages of {Bytes} bytes (-1: no length given) with 413: the limit is {MaxBytes} bytes (Bot:MaxRequestKilobytes)")]
    public static partial void RequestTooLarge(ILogger logger, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to /api/messages: its token is not valid ({Reason})")]
    public static partial void TokenRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a {ActivityType} activity from tenant {TenantId}: it is not in Bot:AllowedTenants")]
    public static partial void TenantRejected(ILogger logger, string activityType, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot:AllowedTenants is empty: the bot answers users of any Microsoft 365 tenant that installs it. List your tenant ids to restrict it.")]
    public static partial void AllTenantsAllowed(ILogger logger);
}
