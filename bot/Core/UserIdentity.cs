using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Core;

/// <summary>Who sent an activity, as the bot stores it.</summary>
public static class UserIdentity
{
    /// <summary>The sender's Entra object id (Teams sends it as aadObjectId), or null outside Teams.</summary>
    public static string? ObjectId(IActivity activity) =>
        string.IsNullOrWhiteSpace(activity.From?.AadObjectId) ? null : activity.From.AadObjectId.Trim();

    /// <summary>A one-way hash of the sender (object id, else channel user id): counts people without naming them.</summary>
    public static string? Hash(IActivity activity)
    {
        var id = ObjectId(activity) ?? activity.From?.Id;
        return string.IsNullOrWhiteSpace(id) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant())));
    }
}
