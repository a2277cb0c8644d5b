namespace AdoptionBot.Hosting;

/// <summary>
/// What the Bot Framework SDK creates its HTTP clients from (the connector clients among them): always the
/// bot's "BotConnector" client, whose timeout is Delivery:ConnectorTimeoutSeconds. The SDK asks for the default client.
/// </summary>
internal sealed class ConnectorHttpClients(IHttpClientFactory factory) : IHttpClientFactory
{
    public const string Name = "BotConnector";

    public HttpClient CreateClient(string name) => factory.CreateClient(Name);
}
