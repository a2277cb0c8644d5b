using System.Text.Json.Nodes;
using AdoptionBot.People;
using AdoptionBot.Tests.People;
using AdoptionBot.Tests.Support;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Ideas;

/// <summary>With Graph configured, the idea form pre-selects the business unit mapped from the employee's department.</summary>
public sealed class IdeaFormPreselectionTests : IAsyncLifetime
{
    private const string EmployeeObjectId = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";
    private StandInGraph _graph = null!;
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _graph = await StandInGraph.StartAsync();
        _graph.AddUser(EmployeeObjectId, "Anna Keller", "Strategic Sourcing");
        _host = new BotTestHost(
            new Dictionary<string, string?>
            {
                ["Graph:Enabled"] = "true",
                ["Graph:BaseUrl"] = _graph.BaseUrl,
                ["Graph:TenantId"] = "72f988bf-0000-4000-8000-000000000001",
                ["Graph:ClientId"] = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
                ["Portfolio:DepartmentBusinessUnits:Strategic Sourcing"] = "Purchasing",
            },
            services => services.AddKeyedSingleton<TokenCredential>(PeopleServiceCollectionExtensions.GraphCredentialKey, new StaticTokenCredential()));
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task NewIdea_DepartmentMapsToABusinessUnit_FormPreselectsIt()
    {
        var reply = await _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "new idea"));

        var card = reply.Activity["attachments"]![0]!["content"]!.AsObject();
        var businessUnit = card["body"]!.AsArray().OfType<JsonObject>().Single(e => e["id"]?.GetValue<string>() == "businessUnit");
        Assert.Equal("Purchasing", businessUnit["value"]!.GetValue<string>());
        Assert.Contains(_graph.Requests, r => r.PathAndQuery.Contains(EmployeeObjectId, StringComparison.Ordinal));
    }
}
