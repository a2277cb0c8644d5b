using System.Threading.RateLimiting;

namespace AdoptionBot.Delivery;

/// <summary>
/// At most <c>permitLimit</c> acquisitions in any window of <c>window</c>, measured on a <see cref="TimeProvider"/>:
/// exact (it remembers each acquisition), where a token bucket would allow a burst across a refill.
/// Waiters are served in time order as permits fall out of the window.
/// </summary>
public sealed class SlidingLogRateLimiter : RateLimiter
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<DateTimeOffset> _acquired = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _lock = new();
    private long _successfulLeases;
    private long _failedLeases;

    public SlidingLogRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        _permitLimit = permitLimit;
        _window = window;
        _timeProvider = timeProvider;
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                if (_acquired.Count == 0)
                {
                    return TimeSpan.MaxValue;
                }

                var sinceLast = _timeProvider.GetUtcNow() - _acquired.Last();
                return sinceLast > _window ? sinceLast - _window : null;
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
                CurrentAvailablePermits = _permitLimit - _acquired.Count,
                CurrentQueuedCount = _turn.CurrentCount == 0 ? 1 : 0,
                TotalSuccessfulLeases = Interlocked.Read(ref _successfulLeases),
                TotalFailedLeases = Interlocked.Read(ref _failedLeases),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ValidateCount(permitCount);
        lock (_lock)
        {
            if (permitCount == 0)
            {
                // a probe: is a permit free now, and if not, when?
                return TryTake(1, out var probeWait, take: false) ? Acquired() : Rejected(probeWait);
            }

            return TryTake(permitCount, out var wait) ? Acquired() : Rejected(wait);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ValidateCount(permitCount);
        // One waiter at a time, in arrival order: a later caller cannot overtake one that is already waiting.
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    if (TryTake(permitCount, out wait))
                    {
                        return Acquired();
                    }
                }

                await Task.Delay(wait, _timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _failedLeases);
            throw;
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _turn.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ValidateCount(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
    }

    private bool TryTake(int permitCount, out TimeSpan wait, bool take = true)
    {
        var now = _timeProvider.GetUtcNow();
        Prune(now);
        if (_acquired.Count + permitCount <= _permitLimit)
        {
            for (var i = 0; take && i < permitCount; i++)
            {
                _acquired.Enqueue(now);
            }

            wait = TimeSpan.Zero;
            return true;
        }

        // the permit this request needs frees when the (count + permitCount - limit)-th oldest acquisition leaves the window
        var freeing = _acquired.ElementAt(_acquired.Count + permitCount - _permitLimit - 1);
        wait = freeing + _window - now;
        if (wait <= TimeSpan.Zero)
        {
            wait = TimeSpan.FromMilliseconds(1);
        }

        return false;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_acquired.Count > 0 && _acquired.Peek() + _window <= now)
        {
            _acquired.Dequeue();
        }
    }

    private RateLimitLease Acquired()
    {
        Interlocked.Increment(ref _successfulLeases);
        return Lease.Granted;
    }

    private RateLimitLease Rejected(TimeSpan retryAfter)
    {
        Interlocked.Increment(ref _failedLeases);
        return new Lease(false, retryAfter);
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);

        public override bool IsAcquired { get; } = isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
