using AdoptionBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Channels;

/// <summary>What happens when the bot joins or leaves a team, and remembering 1:1 conversations.</summary>
public sealed class TeamMembership(ChannelService channels, ILogger<TeamMembership> logger)
{
    public static Activity TeamWelcome()
    {
        var welcome = MessageFactory.Text(
            "Hi, I'm AdoptionBot. I answer questions about our GenAI guidelines and use cases, and I can keep this channel " +
            "up to date on a business unit's GenAI ideas as they move through the pipeline.\n\n" +
            "To follow a business unit here, @mention me with **link** and its name, for example: " +
            "**@AdoptionBot link Research and Development**. **channel** shows the current link, **unlink** stops it.");
        welcome.TextFormat = TextFormatTypes.Markdown;
        return welcome;
    }

    /// <summary>The bot was removed from a team (or its channel): its links there stop, nothing is retried.</summary>
    public Task BotRemovedAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var teamId = activity.TeamsGetTeamInfo()?.Id ?? activity.TeamsGetChannelId() ?? activity.Conversation?.Id;
        return teamId is null ? Task.CompletedTask : channels.DeactivateTeamAsync(teamId, "the bot was removed from the team", cancellationToken);
    }

    public async Task MessageReceivedAsync(IActivity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.ConversationType is not (null or "personal"))
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
