using AdoptionBot.Cards;
using AdoptionBot.Conversation;
using AdoptionBot.Delivery;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Digest;

/// <summary>
/// Writes one week's digests to the outbox: each active linked channel gets its business unit's, each portfolio-team
/// member the bot can reach 1:1 gets the company-wide one. The outbox dedup key (week + target) makes this
/// idempotent: run twice, by a restart or by a second instance, it adds nothing the second time.
/// </summary>
public sealed class DigestPublisher(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    DigestCalculator calculator,
    IOptionsMonitor<PortfolioOptions> portfolio,
    IOutboxSignal signal,
    TimeProvider time)
{
    public async Task<int> PublishAsync(DigestWeek week, CancellationToken cancellationToken)
    {
        var weekKey = week.Monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.ChannelLinks.AsNoTracking().Where(l => l.IsActive).ToListAsync(cancellationToken);
        var admins = portfolio.CurrentValue.Admins.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        var people = await db.PersonalConversations.AsNoTracking().Where(p => admins.Contains(p.UserObjectId)).ToListAsync(cancellationToken);
        var reports = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;

        async Task<string> ActivityForAsync(DigestScope scope)
        {
            var key = scope.BusinessUnit ?? "";
            if (!reports.TryGetValue(key, out var json))
            {
                var card = DigestCard.Build(await calculator.CalculateAsync(scope, week, cancellationToken));
                json = CardSerializer.ToActivityJson(card);
                reports[key] = json;
            }

            return json;
        }

        foreach (var link in links)
        {
            var activity = await ActivityForAsync(DigestScope.ForBusinessUnit(link.BusinessUnit));
            added += await db.TryAddAsync(link.ToOutbox($"digest:{weekKey}:channel:{link.ChannelId}", "digest", activity, now), cancellationToken) ? 1 : 0;
        }

        foreach (var person in people)
        {
            added += await db.TryAddAsync(new OutboxMessage
            {
                DedupKey = $"digest:{weekKey}:user:{person.UserObjectId}",
                Kind = "digest",
                ConversationId = person.ConversationId,
                TenantId = person.TenantId,
                ServiceUrl = person.ServiceUrl,
                BotId = person.BotId,
                ActivityJson = await ActivityForAsync(DigestScope.Company),
                Status = OutboxStatuses.Pending,
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            }, cancellationToken) ? 1 : 0;
        }

        if (added > 0)
        {
            signal.Notify();
        }

        return added;
    }
}
