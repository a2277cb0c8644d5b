using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using AdoptionBot.Tests.Support;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;

namespace AdoptionBot.Tests.Delivery;

/// <summary>The whole bot with <c>AddDelivery()</c>: the hosted sender, woken by the signal, posts a row written to the store.</summary>
public sealed class DeliveryHostingTests : IAsyncLifetime
{
    private readonly BotTestHost _host = new(
        new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:01:00" },
        services => services.AddDelivery());

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task HostedSender_RowWrittenByTheBot_IsSentWhenSignalled()
    {
        const string channel = "19:hosted@thread.tacv2";
        await _host.QueryStoreAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage
            {
                DedupKey = "test:hosted",
                Kind = "statusUpdate",
                ConversationId = channel,
                TenantId = DeliveryHarness.TenantId,
                ServiceUrl = _host.Connector.ServiceUrl,
                BotId = DeliveryHarness.BotId,
                ActivityJson = JsonConvert.SerializeObject(new Activity { Type = ActivityTypes.Message, Text = "hosted" }),
                Status = OutboxStatuses.Pending,
                NextAttemptAtUtc = TimeProvider.System.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });

        _host.Services.GetRequiredService<IOutboxSignal>().Notify();
        var sent = await _host.Connector.WaitForAsync(a => a.ConversationId == channel, timeout: TimeSpan.FromSeconds(20));

        Assert.Equal("hosted", Assert.Single(sent).Text);
    }

    [Fact]
    public async Task HostedSender_RowWithACardOverTeamsLimit_IsSentAsAPlainLineNot413()
    {
        const string channel = "19:oversizedcard@thread.tacv2";
        var card = new AdaptiveCard { Body = [new TextBlock(new string('x', 40_000))] };
        await _host.QueryStoreAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage
            {
                DedupKey = "test:oversized-card",
                Kind = OutboxKinds.StatusUpdate,
                ConversationId = channel,
                TenantId = DeliveryHarness.TenantId,
                ServiceUrl = _host.Connector.ServiceUrl,
                BotId = DeliveryHarness.BotId,
                ActivityJson = JsonConvert.SerializeObject(CardSerializer.ToMessage(card)),
                Status = OutboxStatuses.Pending,
                NextAttemptAtUtc = TimeProvider.System.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });

        _host.Services.GetRequiredService<IOutboxSignal>().Notify();
        var sent = await _host.Connector.WaitForAsync(a => a.ConversationId == channel, timeout: TimeSpan.FromSeconds(20));

        Assert.Equal(CardSizeGuard.TooLargeText, Assert.Single(sent).Text);
        Assert.All(_host.Connector.Calls.Where(c => c.ConversationId == channel), c => Assert.Equal(System.Net.HttpStatusCode.OK, c.Status));
    }

    [Fact]
    public async Task ConnectorClients_TheBotCreates_GiveUpAfterDeliveryConnectorTimeoutSeconds()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Delivery:ConnectorTimeoutSeconds"] = "7" });
        var authentication = host.Services.GetRequiredService<BotFrameworkAuthentication>();

        var factory = authentication.CreateConnectorFactory(new System.Security.Claims.ClaimsIdentity());
        using var client = (ConnectorClient)await factory.CreateAsync(host.Connector.ServiceUrl, null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), client.HttpClient.Timeout);
    }
}
