using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Channels;

/// <summary>What the bot's conversations tell Channels: a team it left, and the 1:1 conversations it can write into.</summary>
public sealed class TeamMembership(ChannelService channels, ILogger<TeamMembership> logger) : IConversationObserver
{
    /// <summary>The bot was removed from a team (or its channel): its links there stop, nothing is retried.</summary>
    public Task BotRemovedAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var teamId = activity.TeamsGetTeamInfo()?.Id ?? activity.TeamsGetChannelId() ?? activity.Conversation?.Id;
        return teamId is null ? Task.CompletedTask : channels.DeactivateTeamAsync(teamId, "the bot was removed from the team", cancellationToken);
    }

    public async Task MessageReceivedAsync(IActivity activity, CancellationToken cancellationToken)
    {
        if (!ConversationScope.IsPersonal(activity))
        {
            return;
        }

        try
        {
            await channels.RememberPersonalConversationAsync(activity, cancellationToken);
        }
        catch (Exception ex) when (StoreErrors.IsTransient(ex))
        {
            // The store is busy: the message is still handled, and the next one remembers the conversation.
            ChannelsLog.PersonalConversationNotRemembered(logger, ex.GetType().Name);
        }
    }
}
