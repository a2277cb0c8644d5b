using AdoptionBot.Delivery;

namespace AdoptionBot.Channels;

/// <summary>Where the bot can reach a person 1:1: the personal conversation Teams gave it, kept from their last message.</summary>
public sealed class PersonalConversation
{
    public required string UserObjectId { get; set; }

    public required string UserChannelId { get; set; }

    public required string ConversationId { get; set; }

    public required string TenantId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string BotId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public OutboxRecipient Recipient => new(TenantId, ServiceUrl, BotId, ConversationId, UserChannelId);
}
