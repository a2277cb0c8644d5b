using AdoptionBot.Core;
using AdoptionBot.Delivery;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Channels;

/// <summary>Sends to a person's 1:1 chat through the outbox: the chat the bot knows, or a new one Teams opens.</summary>
public sealed class PersonalChat(ChannelService channels, IOutbox outbox) : IPersonalChat
{
    public async Task<bool> SendAsync(IActivity activity, IReadOnlyList<IActivity> messages, CancellationToken cancellationToken)
    {
        var recipient = await channels.PersonalChatOfAsync(UserIdentity.ObjectId(activity), ConversationOrigin.From(activity), activity.From?.Id, cancellationToken);
        if (recipient is null)
        {
            return false;
        }

        var turn = string.IsNullOrWhiteSpace(activity.Id) ? Guid.NewGuid().ToString("N") : TextCut.Cut(activity.Id, 100);
        await outbox.EnqueueAsync([.. messages.Select((message, i) => new OutboxEntry(recipient, message, $"private:{turn}:{i}", OutboxKinds.Notice))], cancellationToken);
        return true;
    }
}
