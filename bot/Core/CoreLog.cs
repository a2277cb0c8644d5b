namespace AdoptionBot.Core;

internal static partial class CoreLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Card action with unknown verb {Verb}")]
    public static partial void UnknownVerb(ILogger logger, string verb);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the portfolio-team card action {Verb}: the sender is not on the portfolio team")]
    public static partial void AdminVerbRefused(ILogger logger, string verb);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a {Kind}: the sender reached RateLimit:MaxPerMinute ({Limit})")]
    public static partial void RateLimited(ILogger logger, string kind, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} card (buttons: {Verbs}) was {Bytes} bytes serialised, over the {Limit} Teams takes; sent as a plain line saying it was too large")]
    public static partial void CardTooLarge(ILogger logger, string kind, string verbs, int bytes, int limit);
}
