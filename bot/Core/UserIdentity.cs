using Microsoft.Bot.Schema;

namespace AdoptionBot.Core;

/// <summary>Who sent an activity, as the bot stores it.</summary>
public static class UserIdentity
{
    /// <summary>The sender's Entra object id (Teams sends it as aadObjectId), or null outside Teams.</summary>
    public static string? ObjectId(IActivity activity) =>
        string.IsNullOrWhiteSpace(activity.From?.AadObjectId) ? null : activity.From.AadObjectId.Trim();
}
