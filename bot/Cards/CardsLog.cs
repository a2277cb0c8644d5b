namespace AdoptionBot.Cards;

internal static partial class CardsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Card action with unknown verb {Verb}")]
    public static partial void UnknownVerb(ILogger logger, string verb);
}
