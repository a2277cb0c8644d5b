using System.Security.Cryptography;
using System.Text;
using AdoptionBot.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// How a question or a feedback entry knows its asker: HMAC-SHA256 of the Entra object id (else the channel user id)
/// under Questions:AskerHashKey. The same person gets the same hash, so people can be counted and a follow-up found;
/// without the key the hash cannot be computed from a known object id, so the store alone names no one.
/// </summary>
public sealed class AskerHash(IOptions<QuestionsOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.AskerHashKey ?? throw new InvalidOperationException("Questions:AskerHashKey was not resolved at start-up."));

    public string? Of(IActivity activity)
    {
        var id = UserIdentity.ObjectId(activity) ?? activity.From?.Id;
        return string.IsNullOrWhiteSpace(id) ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(id.Trim().ToLowerInvariant())));
    }

    /// <summary>
    /// The key of the embedded default: read from <c>asker-hash.key</c> in the data folder, or made there once (32 random
    /// bytes, readable by the bot's user only) the first time the bot starts without Questions:AskerHashKey.
    /// </summary>
    internal static string LoadOrCreateKey(string dataPath)
    {
        var path = Path.Combine(dataPath, KeyFileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= QuestionsOptions.MinAskerHashKeyLength } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(dataPath);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Two processes starting on one data folder at once: the first key written wins, the other reads it.
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return File.ReadAllText(path).Trim();
        }
    }

    public const string KeyFileName = "asker-hash.key";
}
