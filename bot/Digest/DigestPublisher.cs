using System.Globalization;
using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Digest;

/// <summary>
/// Writes one week's digests to the outbox: each active linked channel gets its business unit's, each portfolio-team
/// member the bot can reach 1:1 gets the company-wide one. The outbox dedup key (week + target) makes this
/// idempotent: run twice, by a restart or by a second instance, it adds nothing the second time.
/// </summary>
public sealed class DigestPublisher(
    DigestCalculator calculator,
    ChannelService channels,
    IOutbox outbox,
    IOptionsMonitor<PortfolioOptions> portfolio)
{
    public async Task<int> PublishAsync(DigestWeek week, CancellationToken cancellationToken)
    {
        var weekKey = week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var links = await channels.FollowingAsync(businessUnit: null, cancellationToken);
        var admins = portfolio.CurrentValue.Admins.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        var people = await channels.PersonalChatsAsync(admins, cancellationToken);
        var cards = new Dictionary<string, Microsoft.Bot.Schema.IActivity>(StringComparer.Ordinal);

        async Task<Microsoft.Bot.Schema.IActivity> DigestForAsync(DigestScope scope)
        {
            var key = (scope.BusinessUnit ?? "") + "\n" + scope.TenantId;
            if (!cards.TryGetValue(key, out var message))
            {
                cards[key] = message = CardSerializer.ToMessage(DigestCard.Build(await calculator.CalculateAsync(scope, week, cancellationToken)));
            }

            return message;
        }

        var entries = new List<OutboxEntry>();
        foreach (var link in links)
        {
            entries.Add(new OutboxEntry(link.Recipient, await DigestForAsync(DigestScope.ForBusinessUnit(link.BusinessUnit).In(link.Recipient.TenantId)), $"digest:{weekKey}:channel:{link.ChannelId}", OutboxKinds.Digest));
        }

        foreach (var (objectId, chat) in people)
        {
            entries.Add(new OutboxEntry(chat, await DigestForAsync(DigestScope.Company.In(chat.TenantId)), $"digest:{weekKey}:user:{objectId}", OutboxKinds.Digest));
        }

        return await outbox.EnqueueAsync(entries, cancellationToken);
    }
}
