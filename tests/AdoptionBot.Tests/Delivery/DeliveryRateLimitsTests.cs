using AdoptionBot.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Delivery;

public sealed class DeliveryRateLimitsTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task TenantLimit_ManyConversations_WaitsUntilAWindowHasPassed()
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
    public void DeliveryOptions_BadSetting_FailsAtStartNamingTheKey()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:BatchSize"] = "0" }).Build());
        services.AddDelivery();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.Contains("BatchSize", failure.Message, StringComparison.Ordinal);
    }
}
