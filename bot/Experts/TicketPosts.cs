using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Experts;

/// <summary>
/// Where the experts see a ticket: one card in the tenant's experts' channel, updated in place as the ticket moves;
/// with no channel to post to, one card in each portfolio-team member's 1:1 chat, with a warning that says why.
/// </summary>
public sealed class TicketPosts(ExpertChannels channels, ChannelService chats, IOptionsMonitor<PortfolioOptions> portfolio)
{
    /// <summary>The outbox kind of the experts' cards.</summary>
    public const string Kind = "expertTicket";

    /// <summary>The cards for a new ticket (or one whose channel went away); sets <see cref="ExpertTicket.PostedToChannelId"/>.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> PostAsync(ExpertTicket ticket, CancellationToken cancellationToken)
    {
        var (entries, channelId) = await ToExpertsAsync(ticket, TicketKey(ticket.Id), reminder: null, cancellationToken);
        ticket.PostedToChannelId = channelId;
        return entries;
    }

    /// <summary>New content for every posted card of the ticket: its current state, for everyone who sees it.</summary>
    public async Task<IReadOnlyList<OutboxReplacement>> ReplacementsAsync(ExpertTicket ticket, CancellationToken cancellationToken)
    {
        if (ticket.PostedToChannelId is { } channelId)
        {
            return [new OutboxReplacement(ChannelKey(ticket.Id, channelId), CardSerializer.ToMessage(ExpertCards.ForExperts(ticket)), ticket.Version)];
        }

        var card = CardSerializer.ToMessage(ExpertCards.ForExperts(ticket, warning: await WarningAsync(ticket.TenantId, cancellationToken)));
        return [.. portfolio.CurrentValue.Admins.Select(admin => new OutboxReplacement(AdminKey(ticket.Id, admin), card, ticket.Version))];
    }

    /// <summary>The reminder for a ticket that waited too long: the card again, mentioning whoever took it.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> RemindAsync(ExpertTicket ticket, double waitedHours, CancellationToken cancellationToken)
    {
        var reminder = $"Reminder: {ticket.DisplayId} has waited {waitedHours:0} working hours for an answer.";
        return (await ToExpertsAsync(ticket, $"{TicketKey(ticket.Id)}:reminder:{ticket.Reminders}", reminder, cancellationToken)).Entries;
    }

    /// <summary>
    /// The ticket's card for the experts: in the tenant's experts' channel, or, with none to post to, in each
    /// portfolio-team member's 1:1 chat with a warning that says why. Keys are <paramref name="key"/> and where it goes.
    /// </summary>
    private async Task<(IReadOnlyList<OutboxEntry> Entries, string? ChannelId)> ToExpertsAsync(ExpertTicket ticket, string key, string? reminder, CancellationToken cancellationToken)
    {
        if (await channels.ActiveAsync(ticket.TenantId, cancellationToken) is { } channel)
        {
            var recipient = new OutboxRecipient(channel.TenantId, channel.ServiceUrl, channel.BotId, channel.ChannelId);
            return ([new OutboxEntry(recipient, CardSerializer.ToMessage(ExpertCards.ForExperts(ticket, reminder: reminder)), $"{key}:channel:{channel.ChannelId}", Kind)], channel.ChannelId);
        }

        var card = ExpertCards.ForExperts(ticket, warning: await WarningAsync(ticket.TenantId, cancellationToken), reminder: reminder);
        return (await ToPortfolioTeamAsync(ticket.TenantId, card, key, cancellationToken), null);
    }

    /// <summary>A message to each portfolio-team member's 1:1 chat in the tenant (an FAQ entry to approve, say).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ToPortfolioTeamAsync(string tenantId, AdaptiveCard card, string key, CancellationToken cancellationToken)
    {
        var message = CardSerializer.ToMessage(card);
        return [.. (await AdminChatsAsync(tenantId, cancellationToken)).Select(chat => new OutboxEntry(chat.Value, message, $"{key}:admin:{chat.Key}", Kind))];
    }

    private async Task<IReadOnlyDictionary<string, OutboxRecipient>> AdminChatsAsync(string tenantId, CancellationToken cancellationToken) =>
        (await chats.PersonalChatsAsync(portfolio.CurrentValue.Admins, cancellationToken))
            .Where(chat => chat.Value.TenantId == tenantId)
            .ToDictionary(chat => chat.Key, chat => chat.Value, StringComparer.Ordinal);

    private async Task<string> WarningAsync(string tenantId, CancellationToken cancellationToken)
    {
        var latest = await channels.LatestAsync(tenantId, cancellationToken);
        return latest is { Active: false, StoppedReason: { } reason }
            ? $"This ticket comes to you because the experts' channel {CardText.Plain(latest.ChannelName)} stopped: {CardText.Plain(reason)}. @mention me with **link experts** in the experts' channel to send tickets there again."
            : "This ticket comes to you because no experts' channel is linked. @mention me with **link experts** in the channel where the GenAI experts work.";
    }

    private static string TicketKey(int ticketId) => $"ticket:{ticketId}";

    private static string ChannelKey(int ticketId, string channelId) => $"{TicketKey(ticketId)}:channel:{channelId}";

    private static string AdminKey(int ticketId, string objectId) => $"{TicketKey(ticketId)}:admin:{objectId}";
}
