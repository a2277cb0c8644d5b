using System.Threading.RateLimiting;
using AdoptionBot.Core;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Core;

public sealed class SlidingLogRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Acquire_CallFinished_PermitReturnsOneWindowLater()
    {
        using var limiter = new SlidingLogRateLimiter(2, TimeSpan.FromSeconds(1), _clock);

        var first = limiter.AttemptAcquire(1);
        var second = limiter.AttemptAcquire(1);
        var third = limiter.AttemptAcquire(1);
        first.Dispose();
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        second.Dispose();
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        using var afterFirstLeft = limiter.AttemptAcquire(1);
        using var whileSecondCounts = limiter.AttemptAcquire(1);

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(afterFirstLeft.IsAcquired);
        Assert.False(whileSecondCounts.IsAcquired);
        Assert.True(whileSecondCounts.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(500), retryAfter);
    }

    [Fact]
    public void Acquire_CallStillInFlight_HoldsItsPermit()
    {
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), _clock);

        using var inFlight = limiter.AttemptAcquire(1);
        _clock.Advance(TimeSpan.FromMinutes(5));
        using var next = limiter.AttemptAcquire(1);

        Assert.True(inFlight.IsAcquired);
        Assert.False(next.IsAcquired);
    }
}
