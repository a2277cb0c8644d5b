using AdoptionBot.Hosting;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>The outbox sender (a hosted service), its settings (section "Delivery"), rate limits and wake-up signal.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IOutboxSignal, OutboxSignal>();
        services.AddSingleton(sp => OutboxClaimers.For(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.Provider, sp.GetRequiredService<IDbContextFactory<AdoptionBotDbContext>>()));
        services.AddSingleton<DeliveryRateLimits>();
        services.AddBotMetrics();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OutboxSender>(sp, (BotAdapter)sp.GetRequiredService<AdoptionBotAdapter>()));
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<Microsoft.Bot.Builder.IMiddleware, ReplySpool>();
        return services;
    }
}
