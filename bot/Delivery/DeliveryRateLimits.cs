using System.Threading.RateLimiting;
using AdoptionBot.Core;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Delivery;

/// <summary>The conversation and tenant a connector call counts against.</summary>
public readonly record struct DeliveryTarget(string TenantId, string ConversationKey);

/// <summary>
/// Teams' limits for bots, shared by every send of this process: per conversation per second and per hour, per
/// tenant per second. A call takes a permit from all three at the same instant, or waits until all three allow it:
/// taking them one after another would hold one permit while waiting for the next. Dispose the lease when the call
/// has been answered: a call counts against the limits until one window after that.
/// </summary>
public sealed class DeliveryRateLimits : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<DeliveryTarget>[] _limiters;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();

    public DeliveryRateLimits(IOptions<DeliveryOptions> options, TimeProvider timeProvider)
    {
        var settings = options.Value;
        var second = TimeSpan.FromSeconds(1) + settings.RateLimitHeadroom;
        var hour = TimeSpan.FromHours(1) + settings.RateLimitHeadroom;
        _timeProvider = timeProvider;
        _limiters =
        [
            Partitioned(target => target.ConversationKey, settings.PerConversationPerSecond, second),
            Partitioned(target => target.ConversationKey, settings.PerConversationPerHour, hour),
            Partitioned(target => target.TenantId, settings.PerTenantPerSecond, second),
        ];
    }

    /// <summary>Waits until the call may go out; dispose the lease returned when the call is over.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TimeSpan.Zero;
            lock (_gate)
            {
                foreach (var limiter in _limiters)
                {
                    using var probe = limiter.AttemptAcquire(target, 0);
                    if (!probe.IsAcquired && probe.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > wait)
                    {
                        wait = retryAfter;
                    }
                }

                if (wait == TimeSpan.Zero)
                {
                    return new CallLease([.. _limiters.Select(limiter => limiter.AttemptAcquire(target, 1))]);
                }
            }

            await Task.Delay(wait, _timeProvider, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters)
        {
            await limiter.DisposeAsync();
        }
    }

    private sealed class CallLease(RateLimitLease[] leases) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var lease in leases)
                {
                    lease.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }

    private PartitionedRateLimiter<DeliveryTarget> Partitioned(Func<DeliveryTarget, string> key, int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<DeliveryTarget, string>(target =>
            RateLimitPartition.Get(key(target), _ => new SlidingLogRateLimiter(permits, window, _timeProvider)));
}
