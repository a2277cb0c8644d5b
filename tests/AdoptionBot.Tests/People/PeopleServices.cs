using AdoptionBot.People;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.People;

/// <summary>A service provider with AddPeople() over the given settings, as the bot builds it.</summary>
internal static class PeopleServices
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, TokenCredential? credential = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPeople();
        if (credential is not null)
        {
            services.AddKeyedSingleton(PeopleServiceCollectionExtensions.GraphCredentialKey, credential);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
