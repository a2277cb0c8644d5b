using AdoptionBot.Storage;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Delivery;

/// <summary>
/// Where the bot can write unprompted: a conversation it knows (<see cref="ConversationId"/>), or a person it has no chat
/// with yet (<see cref="UserChannelId"/>, the chat is created first). <see cref="ChannelLinkId"/> tags channel posts with
/// the link they were sent for, so the link's owner can act when the channel is gone.
/// </summary>
public sealed record OutboxRecipient(string TenantId, string ServiceUrl, string BotId, string? ConversationId, string? UserChannelId = null, int? ChannelLinkId = null);

/// <summary>One message for the outbox: to whom, what, the key that makes it unique, and its kind (<see cref="OutboxKinds"/>).</summary>
public sealed record OutboxEntry(OutboxRecipient To, IActivity Activity, string DedupKey, string Kind);

/// <summary>New content for a message already queued under <paramref name="DedupKey"/>, if <paramref name="Version"/> is newer than what it holds (<see cref="IOutbox.ReplaceAsync"/>).</summary>
public sealed record OutboxReplacement(string DedupKey, IActivity Activity, int Version);

/// <summary>A message the sender gave up on, for the portfolio team's list.</summary>
public sealed record FailedDelivery(string Kind, int? ChannelLinkId, DateTime CreatedAtUtc, string? LastError);

/// <summary>
/// The one way into delivery: messages are written to the store, then sent by the outbox sender within Teams' limits,
/// with retries, once each (a dedup key already queued, by this instance or another, adds nothing).
/// </summary>
public interface IOutbox
{
    /// <summary>Queues the entries whose dedup keys are new, in one transaction, and wakes the sender; returns how many were new.</summary>
    Task<int> EnqueueAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the changes pending on <paramref name="db"/> and queues the entries in one transaction: both are stored or
    /// neither. A failed save (a concurrency conflict) throws as <see cref="Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(CancellationToken)"/> does.
    /// </summary>
    Task<int> SaveWithAsync(AdoptionBotDbContext db, IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SaveWithAsync(AdoptionBotDbContext, IReadOnlyCollection{OutboxEntry}, CancellationToken)"/>, and in the
    /// same transaction gives queued messages new content (<see cref="ReplaceAsync"/>): a change and the cards that show
    /// it are stored together, and the sender is woken once.
    /// </summary>
    Task<int> SaveWithAsync(AdoptionBotDbContext db, IReadOnlyCollection<OutboxEntry> entries, IReadOnlyCollection<OutboxReplacement> replacements, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the message queued under <paramref name="dedupKey"/> new content, when <paramref name="version"/> is newer
    /// than the one it holds: not sent yet, it goes out with the new content; already posted, the posted message is
    /// updated in place (Teams' update activity), for everyone who sees it. Several instances replacing at once: the
    /// newest version wins. False when no such message exists or it already holds this version or a newer one.
    /// </summary>
    Task<bool> ReplaceAsync(string dedupKey, IActivity activity, int version, CancellationToken cancellationToken);

    /// <summary>The latest messages the sender gave up on, newest first.</summary>
    Task<IReadOnlyList<FailedDelivery>> ListFailedAsync(int max, CancellationToken cancellationToken);
}

/// <summary>Told when the bot can no longer post into a conversation (the connector answered 403 or 404); the recipient's owner decides what follows.</summary>
public interface IDeliveryObserver
{
    Task ConversationGoneAsync(OutboxRecipient recipient, string reason, CancellationToken cancellationToken);
}
