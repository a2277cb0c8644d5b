using AdoptionBot.BusinessUnits;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Storage;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Channels;

public abstract record LinkResult
{
    /// <summary>Linked; <paramref name="Replaced"/> is the active link it replaced (its unit, who made it, when), if any.</summary>
    public sealed record Linked(ChannelLink Link, ChannelLink? Replaced) : LinkResult;

    public sealed record UnknownBusinessUnit(IReadOnlyList<string> Valid) : LinkResult;

    public sealed record NotInAChannel : LinkResult;
}

/// <summary>A channel that follows a business unit, as other modules see it: the unit, and where to post.</summary>
public sealed record LinkedChannel(string BusinessUnit, string ChannelId, OutboxRecipient Recipient);

/// <summary>
/// Where the bot can post: channel links (one business unit per channel) and the personal conversations it can write
/// into. Other modules ask it for recipients; what they post is theirs.
/// </summary>
public sealed class ChannelService(IDbContextFactory<AdoptionBotDbContext> contexts, TimeProvider time, ILogger<ChannelService> logger) : IChannelBusinessUnits, IDeliveryObserver
{
    /// <summary>Points the channel the activity came from at <paramref name="unit"/> (a known unit, checked by the caller) and records the change.</summary>
    public async Task<LinkResult> LinkAsync(IActivity activity, string unit, CancellationToken cancellationToken)
    {
        var channelId = activity.TeamsGetChannelId();
        var origin = ConversationOrigin.From(activity);
        if (string.IsNullOrWhiteSpace(channelId) || origin is null)
        {
            return new LinkResult.NotInAChannel();
        }

        var team = activity.TeamsGetTeamInfo();
        var channel = activity.GetChannelData<TeamsChannelData>()?.Channel;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ChannelLinks.FirstOrDefaultAsync(l => l.ChannelId == channelId, cancellationToken);
        var replaced = link is { IsActive: true } ? Copy(link) : null;
        if (link is null)
        {
            link = new ChannelLink
            {
                ChannelId = channelId,
                TenantId = origin.TenantId,
                ServiceUrl = origin.ServiceUrl,
                BotId = origin.BotId,
                BusinessUnit = unit,
                LinkedByName = "",
            };
            db.ChannelLinks.Add(link);
        }

        link.BusinessUnit = unit;
        link.TeamId = team?.Id ?? link.TeamId;
        link.TeamGroupId = NullIfBlank(team?.AadGroupId) ?? link.TeamGroupId;
        link.TeamName = team?.Name ?? link.TeamName;
        link.ChannelName = channel?.Name ?? link.ChannelName;
        link.ServiceUrl = origin.ServiceUrl;
        link.TenantId = origin.TenantId;
        link.BotId = origin.BotId;
        link.LinkedByObjectId = UserIdentity.ObjectId(activity);
        link.LinkedByName = TextCut.Cut(activity.From?.Name ?? "someone", 200);
        link.LinkedAtUtc = now;
        link.IsActive = true;
        link.DeactivatedReason = null;
        link.DeactivatedAtUtc = null;
        db.ChannelLinkChanges.Add(new ChannelLinkChange
        {
            ChannelId = channelId,
            Change = replaced is null ? ChannelLinkChanges.Linked : ChannelLinkChanges.Relinked,
            BusinessUnit = unit,
            PreviousBusinessUnit = replaced?.BusinessUnit,
            ByObjectId = link.LinkedByObjectId,
            By = link.LinkedByName,
            AtUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new LinkResult.Linked(link, replaced);
    }

    /// <summary>The latest changes of every channel's link, newest first, at most <paramref name="perChannel"/> each.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ChannelLinkChange>>> HistoryAsync(int perChannel, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = await db.ChannelLinkChanges.AsNoTracking().OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(MaxHistoryRead).ToListAsync(cancellationToken);
        return changes.GroupBy(c => c.ChannelId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ChannelLinkChange>)[.. g.Take(perChannel)], StringComparer.Ordinal);
    }

    private const int MaxHistoryRead = 2000;

    private static ChannelLink Copy(ChannelLink link) => new()
    {
        Id = link.Id,
        ChannelId = link.ChannelId,
        TenantId = link.TenantId,
        ServiceUrl = link.ServiceUrl,
        BotId = link.BotId,
        BusinessUnit = link.BusinessUnit,
        LinkedByObjectId = link.LinkedByObjectId,
        LinkedByName = link.LinkedByName,
        LinkedAtUtc = link.LinkedAtUtc,
    };

    /// <summary>Remembers the Entra group id of the channel's team, found after linking.</summary>
    public async Task SetTeamGroupIdAsync(string channelId, string teamGroupId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ChannelLinks.FirstOrDefaultAsync(l => l.ChannelId == channelId, cancellationToken);
        if (link is not null && NullIfBlank(teamGroupId) is { } groupId)
        {
            link.TeamGroupId = groupId;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Someone stops the channel's link; false when it had none.</summary>
    public Task<bool> UnlinkAsync(string channelId, IActivity by, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(by.From?.Name) ? "someone" : by.From.Name.Trim();
        return DeactivateAsync(l => l.ChannelId == channelId, $"unlinked by {name}", ChannelLinkChanges.Unlinked, UserIdentity.ObjectId(by), name, cancellationToken);
    }

    /// <summary>The bot left a team: every link of that team stops.</summary>
    public Task<bool> DeactivateTeamAsync(string teamId, string reason, CancellationToken cancellationToken) =>
        DeactivateAsync(l => l.TeamId == teamId || l.ChannelId == teamId, reason, ChannelLinkChanges.Stopped, null, reason, cancellationToken);

    public async Task<ChannelLink?> GetAsync(string channelId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChannelLinks.AsNoTracking().FirstOrDefaultAsync(l => l.ChannelId == channelId && l.IsActive, cancellationToken);
    }

    public async Task<IReadOnlyList<ChannelLink>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChannelLinks.AsNoTracking().OrderBy(l => l.BusinessUnit).ThenBy(l => l.TeamName).ThenBy(l => l.ChannelId).ToListAsync(cancellationToken);
    }

    /// <summary>The active links, of one business unit or (null) of all; of one tenant's channels, or (null) every tenant's.</summary>
    public async Task<IReadOnlyList<LinkedChannel>> FollowingAsync(string? businessUnit, CancellationToken cancellationToken, string? tenantId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.ChannelLinks.AsNoTracking()
            .Where(l => l.IsActive && (businessUnit == null || l.BusinessUnit == businessUnit) && (tenantId == null || l.TenantId == tenantId))
            .ToListAsync(cancellationToken);
        return [.. links.Select(l => new LinkedChannel(l.BusinessUnit, l.ChannelId, l.Recipient))];
    }

    public async Task<string?> FollowedByAsync(string channelId, CancellationToken cancellationToken) =>
        (await GetAsync(channelId, cancellationToken))?.BusinessUnit;

    /// <summary>The 1:1 chats the bot has with these people (by Entra object id), for those it has one with.</summary>
    public async Task<IReadOnlyDictionary<string, OutboxRecipient>> PersonalChatsAsync(IReadOnlyCollection<string> objectIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await db.PersonalConversations.AsNoTracking().Where(p => objectIds.Contains(p.UserObjectId)).ToListAsync(cancellationToken);
        return known.ToDictionary(p => p.UserObjectId, p => p.Recipient, StringComparer.Ordinal);
    }

    /// <summary>
    /// The 1:1 chat of a person: the one the bot knows, or else a new one to their channel user id in the tenant of
    /// <paramref name="origin"/>; null when neither is known.
    /// </summary>
    public async Task<OutboxRecipient?> PersonalChatOfAsync(string? objectId, ConversationOrigin? origin, string? userChannelId, CancellationToken cancellationToken)
    {
        if (objectId is not null && (await PersonalChatsAsync([objectId], cancellationToken)).TryGetValue(objectId, out var chat))
        {
            return chat;
        }

        return origin is not null && !string.IsNullOrWhiteSpace(userChannelId)
            ? new OutboxRecipient(origin.TenantId, origin.ServiceUrl, origin.BotId, ConversationId: null, UserChannelId: userChannelId)
            : null;
    }

    /// <summary>A channel the bot can no longer post to stops following its business unit.</summary>
    public async Task ConversationGoneAsync(OutboxRecipient recipient, string reason, CancellationToken cancellationToken)
    {
        if (recipient.ChannelLinkId is not { } linkId)
        {
            return;
        }

        var why = TextCut.Cut($"The bot can no longer post to the channel ({reason})", ChannelLink.MaxReasonLength);
        if (await DeactivateAsync(l => l.Id == linkId, why, ChannelLinkChanges.Stopped, null, why, cancellationToken))
        {
            ChannelsLog.LinkDeactivated(logger, linkId, reason);
        }
    }

    /// <summary>Remembers where a person chats with the bot 1:1, so notices reach them there.</summary>
    public async Task RememberPersonalConversationAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var objectId = UserIdentity.ObjectId(activity);
        var origin = ConversationOrigin.From(activity);
        if (objectId is null || origin is null || activity.Conversation?.Id is not { Length: > 0 } conversationId || activity.From?.Id is not { Length: > 0 } userId)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await db.PersonalConversations.FirstOrDefaultAsync(p => p.UserObjectId == objectId, cancellationToken);
        if (known is not null && known.ConversationId == conversationId && known.ServiceUrl == origin.ServiceUrl)
        {
            return;
        }

        if (known is null)
        {
            known = new PersonalConversation { UserObjectId = objectId, UserChannelId = userId, ConversationId = conversationId, TenantId = origin.TenantId, ServiceUrl = origin.ServiceUrl, BotId = origin.BotId };
            db.PersonalConversations.Add(known);
        }

        known.UserChannelId = userId;
        known.ConversationId = conversationId;
        known.TenantId = origin.TenantId;
        known.ServiceUrl = origin.ServiceUrl;
        known.BotId = origin.BotId;
        known.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two messages from the same person at once: the other one stored the same conversation.
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<bool> DeactivateAsync(
        System.Linq.Expressions.Expression<Func<ChannelLink, bool>> which, string reason, string change, string? byObjectId, string by, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.ChannelLinks.Where(which).Where(l => l.IsActive).ToListAsync(cancellationToken);
        foreach (var link in links)
        {
            link.IsActive = false;
            link.DeactivatedReason = TextCut.Cut(reason, ChannelLink.MaxReasonLength);
            link.DeactivatedAtUtc = now;
            db.ChannelLinkChanges.Add(new ChannelLinkChange
            {
                ChannelId = link.ChannelId,
                Change = change,
                PreviousBusinessUnit = link.BusinessUnit,
                ByObjectId = byObjectId,
                By = TextCut.Cut(by, ChannelLink.MaxReasonLength),
                AtUtc = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return links.Count > 0;
    }
}
