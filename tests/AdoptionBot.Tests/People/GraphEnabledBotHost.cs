using AdoptionBot.People;
using AdoptionBot.Tests.Support;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.People;

/// <summary>The real bot with Microsoft Graph configured against a <see cref="StandInGraph"/>.</summary>
public sealed class GraphEnabledBotHost : IAsyncLifetime
{
    /// <summary>The sender of the test activities (aadObjectId in TestData/Activities).</summary>
    public const string EmployeeObjectId = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";

    public StandInGraph Graph { get; private set; } = null!;

    public BotTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await StandInGraph.StartAsync();
        Graph.AddUser(EmployeeObjectId, "Anna Keller", "Strategic Sourcing");
        Host = new BotTestHost(
            new Dictionary<string, string?>
            {
                ["Graph:Enabled"] = "true",
                ["Graph:BaseUrl"] = Graph.BaseUrl,
                ["Graph:TenantId"] = "72f988bf-0000-4000-8000-000000000001",
                ["Graph:ClientId"] = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
                ["Portfolio:DepartmentBusinessUnits:Strategic Sourcing"] = "Purchasing",
            },
            services => services.AddKeyedSingleton<TokenCredential>(PeopleServiceCollectionExtensions.GraphCredentialKey, new StaticTokenCredential()));
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
