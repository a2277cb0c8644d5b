using AdoptionBot.Cards;
using AdoptionBot.Delivery;
using AdoptionBot.Ideas;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Channels;

/// <summary>
/// When an idea moves, writes one outbox message per channel linked to its business unit and one 1:1 notice to its
/// submitter, in the same unit of work as the move: both happen or neither.
/// </summary>
public sealed class StatusUpdateFanOut(TimeProvider time, IOutboxSignal signal) : IIdeaStatusObserver
{
    public async Task OnStatusChangingAsync(AdoptionBotDbContext db, Idea idea, IdeaStatusChange change, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var links = await db.ChannelLinks.AsNoTracking()
            .Where(l => l.IsActive && l.BusinessUnit == idea.BusinessUnit)
            .ToListAsync(cancellationToken);
        var channelActivity = CardSerializer.ToActivityJson(StatusUpdateCard.Build(idea, change, forSubmitter: false));
        foreach (var link in links)
        {
            db.Outbox.Add(link.ToOutbox($"status:{idea.DisplayId}:v{idea.Version}:channel:{link.ChannelId}", "statusUpdate", channelActivity, now));
        }

        var personal = idea.SubmitterObjectId is null ? null : await db.PersonalConversations.AsNoTracking().FirstOrDefaultAsync(p => p.UserObjectId == idea.SubmitterObjectId, cancellationToken);
        var origin = actor.Origin;
        if (personal is null && (origin is null || idea.SubmitterChannelId is null))
        {
            return; // nowhere known to reach the submitter; the change itself still goes through
        }

        db.Outbox.Add(new OutboxMessage
        {
            DedupKey = $"status:{idea.DisplayId}:v{idea.Version}:submitter",
            Kind = "notice",
            ConversationId = personal?.ConversationId,
            UserChannelId = personal?.UserChannelId ?? idea.SubmitterChannelId,
            TenantId = personal?.TenantId ?? origin!.TenantId,
            ServiceUrl = personal?.ServiceUrl ?? origin!.ServiceUrl,
            BotId = personal?.BotId ?? origin!.BotId,
            ActivityJson = CardSerializer.ToActivityJson(StatusUpdateCard.Build(idea, change, forSubmitter: true)),
            Status = OutboxStatuses.Pending,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        });
    }

    /// <summary>Wakes the sender at once instead of at its next poll.</summary>
    public void OnCommitted() => signal.Notify();
}
