namespace AdoptionBot.Channels;

internal static partial class ChannelsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot Connector did not give the team's details; the link keeps the names Teams sent, without current names from Microsoft Graph")]
    public static partial void TeamDetailsUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel link {ChannelLinkId} deactivated: {Reason}")]
    public static partial void LinkDeactivated(ILogger logger, int channelLinkId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store was busy; this person's 1:1 conversation is remembered with their next message ({Reason})")]
    public static partial void PersonalConversationNotRemembered(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot Connector did not give the team's members ({ExceptionType}); the channel was not linked")]
    public static partial void RosterUnavailable(ILogger logger, string exceptionType);
}
