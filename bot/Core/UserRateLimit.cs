using System.Threading.RateLimiting;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Core;

/// <summary>
/// RateLimit:MaxPerMinute per person, keyed by Entra object id (else the channel user id), in a sliding minute on the
/// injected clock: one allowance shared by questions, commands and card actions, so no costly request is left unbounded.
/// A person's window is dropped once it has been idle for a minute, so memory follows active users.
/// </summary>
public sealed class UserRateLimit : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly ILogger<UserRateLimit> _logger;

    public UserRateLimit(IOptions<RateLimitOptions> options, TimeProvider time, ILogger<UserRateLimit> logger)
    {
        _logger = logger;
        Limit = options.Value.MaxPerMinute;
        if (Limit > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(
                user => RateLimitPartition.Get(user, _ => new SlidingLogRateLimiter(Limit, Window, time)),
                StringComparer.OrdinalIgnoreCase);
        }
    }

    public int Limit { get; }

    /// <summary>What the person is told when their allowance is used up; nothing they sent was acted on or kept.</summary>
    public string Refusal =>
        $"That is {Limit} requests from you in the last minute, as many as I take from one person. Nothing was done with this one: please wait a minute and send it again.";

    /// <summary>Takes one request of <paramref name="kind"/> from the sender's allowance; false when they have used it up for this minute.</summary>
    public bool TryTake(IActivity activity, string kind)
    {
        if (_limiter is null)
        {
            return true;
        }

        var user = UserIdentity.ObjectId(activity) ?? activity.From?.Id ?? "";
        using var lease = _limiter.AttemptAcquire(user);
        if (!lease.IsAcquired)
        {
            CoreLog.RateLimited(_logger, kind, Limit);
        }

        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();
}
