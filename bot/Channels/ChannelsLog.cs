namespace AdoptionBot.Channels;

internal static partial class ChannelsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot Connector did not give the team's details; the link keeps the names Teams sent, without current names from Microsoft Graph")]
    public static partial void TeamDetailsUnavailable(ILogger logger, Exception exception);
}
