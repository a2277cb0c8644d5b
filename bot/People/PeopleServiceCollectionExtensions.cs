using Azure.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdoptionBot.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>Key of the <see cref="TokenCredential"/> the bot signs in to Microsoft Graph with.</summary>
    public const string GraphCredentialKey = "Graph";

    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddOptions<PeopleOptions>()
            .BindConfiguration(PeopleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TokenCredential>(
            GraphCredentialKey,
            (sp, _) => GraphCredential.Create(sp.GetRequiredService<IOptions<PeopleOptions>>().Value));
        services.TryAddSingleton(sp => new GraphConnection(
            sp.GetRequiredService<IOptions<PeopleOptions>>(),
            sp.GetRequiredKeyedService<TokenCredential>(GraphCredentialKey)));
        services.AddSingleton<IUserDirectory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PeopleOptions>>();
            return options.Value.Enabled
                ? new GraphUserDirectory(
                    sp.GetRequiredService<GraphConnection>(),
                    options,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<GraphUserDirectory>>())
                : new NoUserDirectory();
        });
        services.AddSingleton<ITeamDirectory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PeopleOptions>>();
            return options.Value.Enabled
                ? new GraphTeamDirectory(
                    sp.GetRequiredService<GraphConnection>(),
                    options,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<GraphTeamDirectory>>())
                : new NoTeamDirectory();
        });
        return services;
    }
}
