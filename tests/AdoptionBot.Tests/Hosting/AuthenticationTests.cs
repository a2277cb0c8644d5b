using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Hosting;

/// <summary>
/// With a MicrosoftAppId configured, the bot accepts only requests carrying a valid Bot Framework token: the SDK's
/// real validation runs, configured as for the public cloud. The SDK fetches signing keys over HTTPS only, so the cases
/// decided by the keys (signature, audience, expiry) are not covered here; issuer and missing token are.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    private const string AppPassword = "not-a-real-secret";

    private readonly CapturingLoggerProvider _logs = new();

    private StandInBotIdentity _identity = null!;
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _identity = await StandInBotIdentity.StartAsync();
        _host = new BotTestHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = AppPassword,
            ["MicrosoftAppTenantId"] = "72f988bf-0000-4000-8000-000000000001",
            // Setting the metadata URL makes the SDK take every channel setting from configuration: the public cloud's issuer too,
            // without which every token is refused for naming no known issuer.
            ["ToBotFromChannelOpenIdMetadataUrl"] = _identity.MetadataUrl,
            ["ToBotFromChannelTokenIssuer"] = StandInBotIdentity.ChannelIssuer,
            ["Logging:LogLevel:Default"] = "Information",
        },
        services => services.AddSingleton<ILoggerProvider>(_logs));
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

    [Theory]
    [InlineData("other issuer")]
    [InlineData("other issuer, unsigned")]
    public async Task Post_WithATokenFromAnotherIssuer_Returns401AndTheBotDoesNothing(string kind)
    {
        var serviceUrl = _host.Connector.ServiceUrl;
        var token = kind == "other issuer"
            ? _identity.CreateToken(AppId, serviceUrl, issuer: "https://login.example.com/not-the-bot-framework")
            : StandInBotIdentity.CreateUnsignedToken(AppId, serviceUrl, issuer: "https://login.example.com/not-the-bot-framework");

        using var response = await SendAsync(_host.Activity("personal-message.json"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Connector.Sent);
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.Questions.CountAsync()));
        AssertNotLogged(token);
    }

    /// <summary>Neither the token nor its signature nor the app password appears at Information or above.</summary>
    private void AssertNotLogged(string token)
    {
        var secrets = new[] { token, token.Split('.')[^1], AppPassword }.Where(s => s.Length >= 8);
        var operatorLog = _logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(operatorLog, e => e.AllText.Contains(secret, StringComparison.Ordinal));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(JsonObject activity, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _host.Client.SendAsync(request);
    }
}
