using System.Threading.RateLimiting;
using AdoptionBot.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// Questions:MaxPerMinute per person, keyed by Entra object id (else the channel user id), in a sliding minute on
/// the injected clock. A person's window is dropped once it has been idle for a minute, so memory follows active users.
/// </summary>
public sealed class QuestionRateLimit : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string>? _limiter;

    public QuestionRateLimit(IOptions<QuestionsOptions> options, TimeProvider time)
    {
        Limit = options.Value.MaxPerMinute;
        if (Limit > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(
                user => RateLimitPartition.Get(user, _ => new SlidingLogRateLimiter(Limit, Window, time)),
                StringComparer.OrdinalIgnoreCase);
        }
    }

    public int Limit { get; }

    /// <summary>Takes one question from the sender's allowance; false when they have used it up for this minute.</summary>
    public bool TryTake(IActivity activity)
    {
        if (_limiter is null)
        {
            return true;
        }

        var user = UserIdentity.ObjectId(activity) ?? activity.From?.Id ?? "";
        using var lease = _limiter.AttemptAcquire(user);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();
}
