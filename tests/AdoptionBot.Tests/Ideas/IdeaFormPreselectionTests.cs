using System.Text.Json.Nodes;
using AdoptionBot.Tests.People;

namespace AdoptionBot.Tests.Ideas;

/// <summary>With Graph configured, the idea form pre-selects the business unit mapped from the employee's department.</summary>
public sealed class IdeaFormPreselectionTests(GraphEnabledBotHost fixture) : IClassFixture<GraphEnabledBotHost>
{
    [Fact]
    public async Task NewIdea_DepartmentMapsToABusinessUnit_FormPreselectsIt()
    {
        var host = fixture.Host;

        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "new idea"));

        var card = reply.Activity["attachments"]![0]!["content"]!.AsObject();
        var businessUnit = card["body"]!.AsArray().OfType<JsonObject>().Single(e => e["id"]?.GetValue<string>() == "businessUnit");
        Assert.Equal("Purchasing", businessUnit["value"]!.GetValue<string>());
        Assert.Contains(fixture.Graph.Requests, r => r.PathAndQuery.Contains(GraphEnabledBotHost.EmployeeObjectId, StringComparison.Ordinal));
    }
}
