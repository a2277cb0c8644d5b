using AdoptionBot.Core;
using AdoptionBot.Ideas.Portfolio;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Digest;

public static class DigestServiceCollectionExtensions
{
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The portfolio's working days and board meetings are in the digest's time zone unless Portfolio:TimeZone names another.
        services.AddOptions<PortfolioRulesOptions>().Configure<IOptions<DigestOptions>>((rules, digest) =>
        {
            if (string.IsNullOrWhiteSpace(rules.TimeZone))
            {
                rules.TimeZone = digest.Value.TimeZone;
            }
        });
        services.AddSingleton<DigestCalculator>();
        services.AddSingleton<IBotCommand, DigestPreviewCommand>();
        services.AddSingleton<IBotCommand, DigestSendCommand>();
        services.AddSingleton<DigestPublisher>();
        services.AddSingleton<DigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        return services;
    }
}
