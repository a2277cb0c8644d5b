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
            added += await TryAddAsync(new OutboxMessage
            {
                DedupKey = $"digest:{weekKey}:channel:{link.ChannelId}",
                Kind = "digest",
                ConversationId = link.ChannelId,
                ChannelLinkId = link.Id,
                TenantId = link.TenantId,
                ServiceUrl = link.ServiceUrl,
                BotId = link.BotId,
                ActivityJson = await ActivityForAsync(DigestScope.ForBusinessUnit(link.BusinessUnit)),
                Status = OutboxStatuses.Pending,
            }, cancellationToken);
        }

        foreach (var person in people)
        {
            added += await TryAddAsync(new OutboxMessage
            {
                DedupKey = $"digest:{weekKey}:user:{person.UserObjectId}",
                Kind = "digest",
                ConversationId = person.ConversationId,
                TenantId = person.TenantId,
                ServiceUrl = person.ServiceUrl,
                BotId = person.BotId,
                ActivityJson = await ActivityForAsync(DigestScope.Company),
                Status = OutboxStatuses.Pending,
            }, cancellationToken);
        }

        if (added > 0)
        {
            signal.Notify();
        }

        return added;
    }

    /// <summary>Adds the row unless its dedup key exists; 1 when added.</summary>
    private async Task<int> TryAddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Outbox.AnyAsync(o => o.DedupKey == message.DedupKey, cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        message.CreatedAtUtc = now;
        message.NextAttemptAtUtc = now;
        db.Outbox.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return 0; // another instance wrote the same digest first
        }
    }
}
