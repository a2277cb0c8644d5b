using AdoptionBot.Delivery;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Hosting;

public sealed class TurnErrorTests
{
    [Fact]
    public async Task FailureInsideATurn_UserGetsAnApologyWithACorrelationIdButNotTheException()
    {
        await using var host = await BotTestHost.StartAsync(configureServices: services =>
            services.AddSingleton<IKnowledgeSearch, FailingSearch>());
        var activity = host.Activity("personal-message.json");
        var id = activity["id"]!.GetValue<string>();

        using var response = await host.PostAsync(activity);
        var replies = await host.Connector.WaitForAsync(a => a.ReplyToId == id);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        Assert.Single(replies);
        Assert.StartsWith("Sorry", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains(id, replies[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingSearch.Message, replies[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(400)]
    public async Task ConnectorRefusingTheReplyForGood_TheRequestStillGets2xx_AndNothingWaitsInTheOutbox(int status)
    {
        await using var host = await BotTestHost.StartAsync();
        host.Connector.AnswerWith = _ => new ScriptedAnswer((System.Net.HttpStatusCode)status);

        using var response = await host.PostAsync(host.Activity("personal-message.json"));

        // The reply and the apology were both refused: logged, not retried (the connector said no, not "later").
        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        Assert.Empty(host.Connector.Sent);
        Assert.True(host.Connector.Calls.Count >= 2, "the bot tried the reply and then the apology");
        Assert.Equal(0, await host.QueryStoreAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Outbox)));
    }

    private sealed class FailingSearch : IKnowledgeSearch
    {
        public const string Message = "database disk image is malformed";

        public bool IsReady => true;

        public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Message);

        public Task<IReadOnlyList<string>> FindUnknownTermsAsync(string query, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Message);

        public Task<IReadOnlyList<string>> GetBusinessUnitsAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Message);
    }
}
