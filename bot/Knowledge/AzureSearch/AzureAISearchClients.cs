using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.AzureSearch;

/// <summary>
/// The SDK clients for the configured service and index. Their HTTP transport is the named client
/// <see cref="HttpClientName"/> from the host's IHttpClientFactory, so the host decides how connections are made.
/// </summary>
public sealed class AzureAISearchClients
{
    public const string HttpClientName = "AzureAISearch";

    /// <summary>Key of the <see cref="TokenCredential"/> used when no API key is set.</summary>
    public const string CredentialKey = "AzureAISearch";

    public AzureAISearchClients(IOptions<KnowledgeOptions> options, IHttpClientFactory httpClients, [FromKeyedServices(CredentialKey)] TokenCredential credential)
    {
        var settings = options.Value.AzureAISearch;
        var endpoint = new Uri(settings.Endpoint!);
        IndexName = settings.IndexName!;
        var clientOptions = new SearchClientOptions(SearchClientOptions.ServiceVersion.V2023_11_01)
        {
            Transport = new HttpClientTransport(httpClients.CreateClient(HttpClientName)),
            Retry =
            {
                Mode = RetryMode.Exponential,
                MaxRetries = 4,
                Delay = TimeSpan.FromSeconds(0.5),
                MaxDelay = TimeSpan.FromSeconds(10),
                NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            },
        };
        Indexes = string.IsNullOrWhiteSpace(settings.ApiKey)
            ? new SearchIndexClient(endpoint, credential, clientOptions)
            : new SearchIndexClient(endpoint, new AzureKeyCredential(settings.ApiKey), clientOptions);
        Documents = Indexes.GetSearchClient(IndexName);
    }

    public string IndexName { get; }

    public SearchIndexClient Indexes { get; }

    public SearchClient Documents { get; }

    /// <summary>The bot's managed identity (or, without a client id, whatever DefaultAzureCredential finds).</summary>
    public static TokenCredential CreateCredential(AzureAISearchOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
