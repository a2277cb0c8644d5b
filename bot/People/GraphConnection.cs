using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace AdoptionBot.People;

/// <summary>
/// The one Microsoft Graph client of the bot: signed in with the Graph credential, talking to Graph:BaseUrl only.
/// The user and team directories share it.
/// </summary>
public sealed class GraphConnection : IDisposable
{
    private readonly HttpClient _http;

    public GraphConnection(IOptions<PeopleOptions> options, TokenCredential credential)
    {
        BaseUrl = options.Value.BaseUrl.TrimEnd('/');
        CredentialName = credential.GetType().Name;
        var baseUri = new Uri(BaseUrl);

        // The token is for the Graph host the bot talks to (https://graph.microsoft.com/.default, or a national cloud's),
        // and is sent to that host only.
        var scope = baseUri.GetLeftPart(UriPartial.Authority) + "/.default";
        var authentication = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [baseUri.Host], observabilityOptions: null, isCaeEnabled: true, scopes: [scope]);
        _http = GraphClientFactory.Create(
            GraphClientFactory.CreateDefaultHandlers(),
            finalHandler: new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        Client = new GraphServiceClient(_http, authentication, BaseUrl);
    }

    public GraphServiceClient Client { get; }

    public string BaseUrl { get; }

    public string CredentialName { get; }

    // Lookups run inside a budget of a few seconds, where retrying only delays; a throttled lookup pauses lookups instead.
    internal static RetryHandlerOption NoRetry { get; } = new() { ShouldRetry = static (_, _, _) => false };

    internal static string ErrorCode(ApiException ex) => ex is ODataError { Error.Code: { } code } ? code : "no error code";

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
    }
}
