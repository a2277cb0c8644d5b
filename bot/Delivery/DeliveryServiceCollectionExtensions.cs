using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The outbox (<see cref="IOutbox"/>), its sender (a hosted service; it posts through the <see cref="Microsoft.Bot.Builder.BotAdapter"/>
    /// the host registers), its settings (section "Delivery"), rate limits, wake-up signal, depth gauge and retention rule, and the
    /// <see cref="ReplySpool"/> middleware for the adapter.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IOutboxSignal, OutboxSignal>();
        services.AddSingleton<IOutbox, Outbox>();
        services.AddSingleton(sp => OutboxClaimers.For(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.Provider, sp.GetRequiredService<IDbContextFactory<AdoptionBotDbContext>>()));
        services.AddSingleton<DeliveryRateLimits>();
        services.AddBotMetrics();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddHostedService<OutboxDepthGauge>();
        services.AddSingleton<ReplySpool>();
        services.AddRetentionRule<OutboxRetention>();
        return services;
    }
}
