using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using AdoptionBot.Storage;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>Cards for the portfolio team, each member in their 1:1 chat, saved with the change that causes them.</summary>
public sealed class TeamNotices(ChannelService channels, IOutbox outbox, IOptionsMonitor<PortfolioOptions> team)
{
    /// <summary>Saves the pending changes on <paramref name="db"/> with one card per team member the bot can reach; returns how many.</summary>
    /// <param name="dedupKey">Unique for this notice; each member's copy adds their id, so a retry or a second instance sends nothing twice.</param>
    public async Task<int> SaveWithNoticeAsync(AdoptionBotDbContext db, AdaptiveCard card, string dedupKey, CancellationToken cancellationToken, IReadOnlyCollection<string>? only = null)
    {
        var members = only ?? [.. team.CurrentValue.Admins.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        var chats = await channels.PersonalChatsAsync(members, cancellationToken);
        var message = CardSerializer.ToMessage(card);
        var entries = chats.Select(c => new OutboxEntry(c.Value, message, $"{dedupKey}:{c.Key}", OutboxKinds.Notice)).ToList();
        await outbox.SaveWithAsync(db, entries, cancellationToken);
        return entries.Count;
    }
}
