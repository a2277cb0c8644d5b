using System.Threading.RateLimiting;

namespace AdoptionBot.Core;

/// <summary>
/// At most <c>permitLimit</c> calls in any window of <c>window</c>, on a <see cref="TimeProvider"/>. A call counts
/// from when it takes its permit until <c>window</c> after its lease is disposed, so however long the request
/// travels, the receiver can never see more than the limit inside one window (a token bucket only bounds when
/// permits are handed out).
/// </summary>
public sealed class SlidingLogRateLimiter : RateLimiter
{
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(10);

    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<DateTimeOffset> _completed = new();
    private readonly Lock _lock = new();
    private int _inFlight;
    private DateTimeOffset _lastUse;
    private long _successfulLeases;
    private long _failedLeases;

    public SlidingLogRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        _permitLimit = permitLimit;
        _window = window;
        _timeProvider = timeProvider;
        _lastUse = timeProvider.GetUtcNow();
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var sinceLast = _timeProvider.GetUtcNow() - _lastUse;
                return _inFlight == 0 && sinceLast > _window ? sinceLast - _window : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Prune(_timeProvider.GetUtcNow());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _permitLimit - _inFlight - _completed.Count,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = Interlocked.Read(ref _successfulLeases),
                TotalFailedLeases = Interlocked.Read(ref _failedLeases),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        lock (_lock)
        {
            // permitCount 0 is a probe: would one permit be free now, and if not, when?
            var take = permitCount > 0;
            if (TryTake(Math.Max(1, permitCount), take, out var wait))
            {
                Interlocked.Increment(ref _successfulLeases);
                return take ? new Lease(true, null, () => Complete(permitCount)) : new Lease(true, null, null);
            }

            Interlocked.Increment(ref _failedLeases);
            return new Lease(false, wait, null);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = AttemptAcquireCore(permitCount);
            if (lease.IsAcquired || !lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
            {
                return lease;
            }

            await Task.Delay(wait, _timeProvider, cancellationToken);
        }
    }

    private bool TryTake(int permitCount, bool take, out TimeSpan wait)
    {
        var now = _timeProvider.GetUtcNow();
        Prune(now);
        var over = _inFlight + _completed.Count + permitCount - _permitLimit;
        if (over <= 0)
        {
            if (take)
            {
                _inFlight += permitCount;
                _lastUse = now;
            }

            wait = TimeSpan.Zero;
            return true;
        }

        // Completed calls leave the window in order; calls still in flight free nothing until they finish.
        wait = over <= _completed.Count ? _completed.ElementAt(over - 1) + _window - now : InFlightPoll;
        if (wait <= TimeSpan.Zero)
        {
            wait = TimeSpan.FromMilliseconds(1);
        }

        return false;
    }

    private void Complete(int permitCount)
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            _inFlight -= permitCount;
            _lastUse = now;
            for (var i = 0; i < permitCount; i++)
            {
                _completed.Enqueue(now);
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_completed.Count > 0 && _completed.Peek() + _window <= now)
        {
            _completed.Dequeue();
        }
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter, Action? onDispose) : RateLimitLease
    {
        private Action? _onDispose = onDispose;

        public override bool IsAcquired { get; } = isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }

        protected override void Dispose(bool disposing)
        {
            Interlocked.Exchange(ref _onDispose, null)?.Invoke();
            base.Dispose(disposing);
        }
    }
}
