using System.Net;
using System.Net.Http.Headers;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Hosting;

/// <summary>With a MicrosoftAppId configured, the bot accepts only requests carrying a valid Bot Framework token.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private StandInBotIdentity _identity = null!;
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _identity = await StandInBotIdentity.StartAsync();
        _host = new BotTestHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = "72f988bf-0000-4000-8000-000000000001",
            ["ToBotFromChannelOpenIdMetadataUrl"] = _identity.MetadataUrl,
        });
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task Post_WithoutToken_Returns401AndSendsNothing()
    {
        using var response = await _host.PostAsync(_host.Activity("personal-message.json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Connector.Sent);
    }

    [Fact]
    public async Task Post_WithForgedToken_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(_host.Activity("personal-message.json").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        // A syntactically valid JWT signed by nobody the Bot Framework trusts.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiM2YxYzJiNGEtNWQ2ZS00ZjcwLThhOWItMGMxZDJlM2Y0YTViIn0.c2lnbmF0dXJl");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Connector.Sent);
    }
}
