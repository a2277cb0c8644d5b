using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Experts;

/// <summary>The experts' channel of each tenant: linked with <c>link experts</c>, stopped when the bot can no longer post there.</summary>
public sealed class ExpertChannels(IDbContextFactory<AdoptionBotDbContext> contexts, TimeProvider time)
{
    /// <summary>Makes the channel <paramref name="activity"/> came from the tenant's experts' channel; returns it and the one it replaces.</summary>
    public async Task<(ExpertChannel Linked, ExpertChannel? Replaced)?> LinkAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var origin = ConversationOrigin.From(activity);
        var channelId = activity.TeamsGetChannelId();
        if (origin is null || string.IsNullOrWhiteSpace(channelId))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await db.ExpertChannels.Where(c => c.TenantId == origin.TenantId && c.Active).ToListAsync(cancellationToken);
        var same = active.FirstOrDefault(c => c.ChannelId == channelId);
        if (same is not null)
        {
            return (same, null);
        }

        foreach (var old in active)
        {
            old.Active = false;
            old.StoppedAtUtc = now;
            old.StoppedReason = "Another channel was linked as the experts' channel.";
        }

        var team = activity.TeamsGetTeamInfo();
        var linked = new ExpertChannel
        {
            TenantId = origin.TenantId,
            ChannelId = channelId,
            ServiceUrl = origin.ServiceUrl,
            BotId = origin.BotId,
            TeamId = team?.Id,
            TeamName = TextCut.Cut(team?.Name ?? "", 200),
            ChannelName = TextCut.Cut((activity.ChannelData as Newtonsoft.Json.Linq.JObject)?["channel"]?["name"]?.ToString() ?? "", 200),
            LinkedByName = TextCut.Cut(activity.From?.Name ?? "", 200),
            LinkedByObjectId = UserIdentity.ObjectId(activity),
            LinkedAtUtc = now,
            Active = true,
        };
        db.ExpertChannels.Add(linked);
        await db.SaveChangesAsync(cancellationToken);
        return (linked, active.FirstOrDefault());
    }

    public async Task<ExpertChannel?> ActiveAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ExpertChannels.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.Active)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The latest experts' channel of the tenant, active or stopped, for the warning that says why tickets come to the 1:1 chat.</summary>
    public async Task<ExpertChannel?> LatestAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ExpertChannels.AsNoTracking().Where(c => c.TenantId == tenantId).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="activity"/> comes from its tenant's active experts' channel.</summary>
    public async Task<bool> IsExpertsChannelAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var channelId = activity.TeamsGetChannelId();
        var tenant = ConversationOrigin.From(activity)?.TenantId;
        return !string.IsNullOrWhiteSpace(channelId) && tenant is not null
            && (await ActiveAsync(tenant, cancellationToken))?.ChannelId == channelId;
    }

    /// <summary>Stops the active experts' channels that match; returns them.</summary>
    public async Task<IReadOnlyList<ExpertChannel>> StopAsync(Func<ExpertChannel, bool> matches, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stopped = (await db.ExpertChannels.Where(c => c.Active).ToListAsync(cancellationToken)).Where(matches).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var channel in stopped)
        {
            channel.Active = false;
            channel.StoppedAtUtc = now;
            channel.StoppedReason = TextCut.Cut(reason, 500);
        }

        await db.SaveChangesAsync(cancellationToken);
        return stopped;
    }
}
