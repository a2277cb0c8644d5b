using AdoptionBot.Channels;
using AdoptionBot.Conversation;
using AdoptionBot.Ideas;
using AdoptionBot.People;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// Which business unit a question counts for in the digest: the unit of the linked channel it was asked in (what the
/// activity carries), else, with Microsoft Graph configured, the unit the asker's department maps to; else none.
/// </summary>
public sealed class AskerBusinessUnit(ChannelService channels, IdeaFlow ideas, BusinessUnitResolver resolver, IOptions<PeopleOptions> graph)
{
    public async Task<string?> FindAsync(IActivity activity, CancellationToken cancellationToken)
    {
        if (activity.TeamsGetChannelId() is { Length: > 0 } channelId
            && await channels.GetAsync(channelId, cancellationToken) is { } link)
        {
            return link.BusinessUnit;
        }

        if (!graph.Value.Enabled || UserIdentity.ObjectId(activity) is not { } objectId)
        {
            return null;
        }

        var units = await ideas.BusinessUnitsAsync(cancellationToken);
        return await resolver.GetBusinessUnitAsync(objectId, units, cancellationToken);
    }
}
