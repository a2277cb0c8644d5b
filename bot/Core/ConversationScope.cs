using Microsoft.Bot.Schema;

namespace AdoptionBot.Core;

/// <summary>Who else reads what the bot answers in a conversation.</summary>
public static class ConversationScope
{
    /// <summary>A 1:1 chat between the bot and one person (older clients send no type): nobody else reads the answer.</summary>
    public static bool IsPersonal(IActivity activity) => activity.Conversation?.ConversationType is null or "personal";
}
