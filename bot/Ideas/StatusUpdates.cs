using AdoptionBot.Channels;
using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using AdoptionBot.Storage;

namespace AdoptionBot.Ideas;

/// <summary>
/// Stores an idea's move together with what it announces: one status card per channel that follows the idea's business
/// unit in its tenant and one 1:1 notice to its submitter, in the same transaction as the move, so both happen or neither.
/// </summary>
public sealed class StatusUpdates(ChannelService channels, IOutbox outbox)
{
    /// <summary>Saves the pending change on <paramref name="db"/> with its announcements; throws on a concurrency conflict, storing nothing.</summary>
    public async Task SaveWithAnnouncementsAsync(AdoptionBotDbContext db, Idea idea, IdeaStatusChange change, Actor actor, CancellationToken cancellationToken)
    {
        var channelCard = CardSerializer.ToMessage(StatusUpdateCard.Build(idea, change, forSubmitter: false));
        // Only the channels of the tenant the idea was submitted in (an idea stored before ideas carried one: every channel).
        var entries = (await channels.FollowingAsync(idea.BusinessUnit, cancellationToken, idea.TenantId))
            .Select(link => new OutboxEntry(link.Recipient, channelCard, $"status:{idea.DisplayId}:v{idea.Version}:channel:{link.ChannelId}", OutboxKinds.StatusUpdate))
            .ToList();
        if (await SubmitterAsync(idea, actor, cancellationToken) is { } submitter)
        {
            var notice = CardSerializer.ToMessage(StatusUpdateCard.Build(idea, change, forSubmitter: true));
            entries.Add(new OutboxEntry(submitter, notice, $"status:{idea.DisplayId}:v{idea.Version}:submitter", OutboxKinds.Notice));
        }

        await outbox.SaveWithAsync(db, entries, cancellationToken);
    }

    /// <summary>
    /// Saves the pending changes on <paramref name="db"/> with one card to the submitter's 1:1 chat (a question of the
    /// portfolio office, say), in one transaction; without a known chat it saves the changes alone and returns false.
    /// </summary>
    public async Task<bool> SaveWithSubmitterNoticeAsync(AdoptionBotDbContext db, Idea idea, AdaptiveCard card, string dedupKey, Actor actor, CancellationToken cancellationToken)
    {
        var submitter = await SubmitterAsync(idea, actor, cancellationToken);
        IReadOnlyCollection<OutboxEntry> entries = submitter is null ? [] : [new OutboxEntry(submitter, CardSerializer.ToMessage(card), dedupKey, OutboxKinds.Notice)];
        await outbox.SaveWithAsync(db, entries, cancellationToken);
        return submitter is not null;
    }

    /// <summary>The submitter's 1:1 chat, or, when the bot has none yet, a new one to their channel user id; null when neither is known.</summary>
    private Task<OutboxRecipient?> SubmitterAsync(Idea idea, Actor actor, CancellationToken cancellationToken) =>
        channels.PersonalChatOfAsync(idea.SubmitterObjectId, actor.Origin, idea.SubmitterChannelId, cancellationToken);
}
