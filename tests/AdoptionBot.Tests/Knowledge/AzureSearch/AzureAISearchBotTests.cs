using AdoptionBot.Knowledge.AzureSearch;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>The whole bot with Knowledge:Index=AzureAISearch, its index served by the stand-in service.</summary>
public sealed class AzureAISearchBotTests : IAsyncLifetime
{
    private StandInAzureSearch _service = null!;
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _service = await StandInAzureSearch.StartAsync();
        _host = new BotTestHost(
            new Dictionary<string, string?>
            {
                ["Knowledge:Index"] = "AzureAISearch",
                ["Knowledge:AzureAISearch:Endpoint"] = _service.Endpoint,
                ["Knowledge:AzureAISearch:IndexName"] = "adoptionbot-knowledge",
                ["Knowledge:AzureAISearch:ApiKey"] = StandInAzureSearch.ApiKeyValue,
            },
            services => services.AddHttpClient(AzureAISearchClients.HttpClientName).ConfigurePrimaryHttpMessageHandler(_service.CreateTrustingHandler));
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Question_IsAnsweredFromTheAzureIndex_WithACitation()
    {
        var reply = await _host.AskAsync(_host.Activity("personal-message.json"));

        Assert.IsType<AzureAISearchIndex>(_host.Services.GetRequiredService<IKnowledgeSearch>());
        Assert.Contains(reply.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>() == "Customer data and AI tools");
        Assert.Contains(_service.Requests, r => r.IsSearch && r.Body!["vectorQueries"] is not null);
        Assert.Contains(_service.Documents("adoptionbot-knowledge"), d => d["filePath"]!.GetValue<string>() == "guidelines/customer-data.md");
    }

    [Fact]
    public async Task QuestionOutsideTheKnowledgeBase_IsDeclinedAsWithTheEmbeddedIndex()
    {
        var reply = await _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "What is on the canteen menu today?"));

        Assert.Contains("don't cover", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Citations);
    }

    [Fact]
    public async Task SearchServiceDown_TheEmployeeIsToldPlainly_AndTheTurnDoesNotFail()
    {
        _service.FailSearchesWith = 503;
        try
        {
            var response = await _host.PostAsync(_host.Activity("personal-message.json", a => a["text"] = "Can I paste customer data into ChatGPT?"));
            var reply = await _host.Connector.WaitForAsync(a => a.Text.Contains("can't reach the knowledge search", StringComparison.Ordinal));

            Assert.True(response.IsSuccessStatusCode, $"The turn answered {(int)response.StatusCode}.");
            Assert.Null(reply[0].Citations);
        }
        finally
        {
            _service.FailSearchesWith = null;
        }
    }
}
