using Microsoft.Bot.Schema;

namespace AdoptionBot.Hosting;

/// <summary>
/// Activities the bot refuses before any turn starts, because it could not answer them safely: a channel other than
/// Microsoft Teams, no conversation or recipient to answer, members that are not accounts, or a service URL the bot must not write to.
/// </summary>
internal static class ActivityGuard
{
    /// <summary>Why the activity is refused, or null to process it.</summary>
    /// <param name="anonymous">
    /// Without a MicrosoftAppId nobody vouches for the service URL (with one, the SDK checks it against the caller's token),
    /// so only a connector on this machine is answered: an unauthenticated bot is never a relay to other hosts.
    /// </param>
    public static string? Refusal(IActivity activity, bool anonymous)
    {
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
        {
            return "service URL is not an http(s) address";
        }

        if (anonymous && !serviceUrl.IsLoopback)
        {
            return "service URL is not on this machine (anonymous mode)";
        }

        if (activity.ChannelId != Microsoft.Bot.Connector.Channels.Msteams)
        {
            return "not a Microsoft Teams activity"; // the bot's Azure registration has the Teams channel only
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "no conversation id";
        }

        if (string.IsNullOrWhiteSpace(activity.Recipient?.Id))
        {
            return "no recipient id";
        }

        if (activity is IConversationUpdateActivity update
            && ((update.MembersAdded?.Any(m => string.IsNullOrWhiteSpace(m?.Id)) ?? false) || (update.MembersRemoved?.Any(m => string.IsNullOrWhiteSpace(m?.Id)) ?? false)))
        {
            return "a member without an id";
        }

        return null;
    }
}
