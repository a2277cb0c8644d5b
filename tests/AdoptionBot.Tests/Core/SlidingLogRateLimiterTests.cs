using System.Threading.RateLimiting;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Core;

public sealed class SlidingLogRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Permits_return_one_window_after_their_calls_finish()
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
    public void A_call_still_in_flight_holds_its_permit()
    {
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), _clock);

        using var inFlight = limiter.AttemptAcquire(1);
        _clock.Advance(TimeSpan.FromMinutes(5));
        using var next = limiter.AttemptAcquire(1);

        Assert.True(inFlight.IsAcquired);
        Assert.False(next.IsAcquired);
    }

    [Fact]
    public async Task Tenant_limit_waits_across_conversations_until_a_window_has_passed()
    {
        var options = Options.Create(new DeliveryOptions { PerTenantPerSecond = 2, RateLimitHeadroom = TimeSpan.Zero });
        await using var limits = new DeliveryRateLimits(options, _clock);

        (await limits.AcquireAsync(new DeliveryTarget("t", "a"), CancellationToken.None)).Dispose();
        (await limits.AcquireAsync(new DeliveryTarget("t", "b"), CancellationToken.None)).Dispose();
        var third = limits.AcquireAsync(new DeliveryTarget("t", "c"), CancellationToken.None).AsTask();
        var otherTenant = await limits.AcquireAsync(new DeliveryTarget("u", "d"), CancellationToken.None);
        var waitedBeforeWindow = third.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var lease = await third.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(waitedBeforeWindow);
        Assert.True(otherTenant.IsAcquired);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void A_bad_delivery_setting_fails_at_start_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:BatchSize"] = "0" }).Build());
        services.AddDelivery();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.Contains("BatchSize", failure.Message, StringComparison.Ordinal);
    }
}
