using AdoptionBot.BusinessUnits;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.People;
using AdoptionBot.Tests.Questions;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.BusinessUnits;

/// <summary>AddPeople() and AddBusinessUnits() over the given settings, as the bot builds them, with a catalogue that names <c>catalogueUnits</c>.</summary>
internal static class BusinessUnitServices
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, TokenCredential? credential = null, string[]? catalogueUnits = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddPeople();
        services.AddBusinessUnits();
        services.AddSingleton<IKnowledgeSearch>(new StubKnowledgeSearch([.. (catalogueUnits ?? []).Select(Entry)]));
        if (credential is not null)
        {
            services.AddKeyedSingleton(PeopleServiceCollectionExtensions.GraphCredentialKey, credential);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static RetrievedPassage Entry(string unit) =>
        new(new KnowledgeChunk("uc#0", "UC-1", "use-cases/catalogue.csv", SourceKind.UseCase, "UC-1", "", "A use case", "", unit), 1, 1);
}
