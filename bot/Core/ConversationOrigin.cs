using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace AdoptionBot.Core;

/// <summary>Where an activity came from: what the bot needs to write back to that tenant later, unprompted.</summary>
public sealed record ConversationOrigin(string ServiceUrl, string TenantId, string BotId)
{
    public static ConversationOrigin? From(IActivity activity)
    {
        var tenant = activity.Conversation?.TenantId ?? activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;
        return string.IsNullOrWhiteSpace(activity.ServiceUrl) || string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(activity.Recipient?.Id)
            ? null
            : new ConversationOrigin(activity.ServiceUrl, tenant, activity.Recipient.Id);
    }
}
