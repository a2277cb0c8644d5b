using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;

namespace AdoptionBot.Tests.Hosting;

/// <summary>
/// The bot as an operator runs it with a MicrosoftAppId: its own process, the SDK's real channel-token validation
/// configured as for the public cloud, the signing keys fetched over HTTPS from a stand-in OpenID configuration the
/// process trusts through SSL_CERT_FILE (never by a switch in the bot). One process serves every test of
/// <see cref="SecuredBotCollection"/>.
/// </summary>
public sealed class SecuredBot : IAsyncLifetime
{
    public const string AppId = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    public const string AppPassword = "not-a-real-secret-9c1e2d3f";

    public StandInBotIdentity Identity { get; private set; } = null!;

    public StandInConnector Connector { get; private set; } = null!;

    public SqliteStoreFixture Store { get; private set; } = null!;

    public BotProcess Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await StandInBotIdentity.StartAsync();
        Connector = await StandInConnector.StartAsync();
        Store = await StoreFixture.CreateAsync<SqliteStoreFixture>();
        Bot = BotProcess.Start(new Dictionary<string, string?>(Store.BotSettings)
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = AppPassword,
            ["MicrosoftAppTenantId"] = "72f988bf-0000-4000-8000-000000000001",
            // Setting the metadata URL makes the SDK take every channel setting from configuration: the public cloud's values.
            ["ToBotFromChannelOpenIdMetadataUrl"] = Identity.MetadataUrl,
            ["ToBotFromChannelTokenIssuer"] = StandInBotIdentity.ChannelIssuer,
            ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
            ["OAuthUrl"] = "https://api.botframework.com",
            ["Logging:LogLevel:Default"] = "Information",
            ["SSL_CERT_FILE"] = Identity.TrustFile,
        });
        await Bot.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Store.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

/// <summary>The tests that share one <see cref="SecuredBot"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SecuredBotCollection : ICollectionFixture<SecuredBot>
{
    public const string Name = "Bot with a MicrosoftAppId";
}
