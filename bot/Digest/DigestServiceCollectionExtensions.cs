using AdoptionBot.Core;

namespace AdoptionBot.Digest;

public static class DigestServiceCollectionExtensions
{
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DigestCalculator>();
        services.AddSingleton<IBotCommand, DigestPreviewCommand>();
        services.AddSingleton<IBotCommand, DigestSendCommand>();
        services.AddSingleton<DigestPublisher>();
        services.AddSingleton<DigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        return services;
    }
}
