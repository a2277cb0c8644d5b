using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Tabs;

/// <summary>
/// The bot as its own process with the tabs' app registration set (Tabs:ClientId, Tabs:Resource), Tabs:Instance at a
/// stand-in Entra ID that the process trusts through SSL_CERT_FILE, one allowed tenant and one portfolio admin. The bot
/// itself stays in anonymous mode (no MicrosoftAppId): with an app registration for the tabs that changes nothing for
/// them, and it keeps the local user out, so every request here is signed in by a token or a session only.
/// </summary>
public sealed class SignedInTabs : IAsyncLifetime
{
    public const string ClientId = "6a1f0e2d-4b3c-4d5e-8f70-9a8b7c6d5e4f";
    public const string Resource = "api://adoptionbot.contoso.example/" + ClientId;
    public const string Tenant = "72f988bf-0000-4000-8000-00000000ab01";
    public const string OtherTenant = "0f0f0f0f-1111-4222-8333-444455556666";

    public static readonly TabTokenUser Admin = new(BotSettings.TestAdminObjectId, "Paula Portfolio", Tenant);
    public static readonly TabTokenUser Employee = new("7b2e4c6d-1a3f-4e5d-9c8b-0a1b2c3d4e5f", "Erik Employee", Tenant);

    public StandInTabIdentity Identity { get; private set; } = null!;

    public BotProcess Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await StandInTabIdentity.StartAsync();
        Bot = BotProcess.Start(new BotSettings()
            .With("MicrosoftAppType", "").With("MicrosoftAppId", "").With("MicrosoftAppPassword", "").With("MicrosoftAppTenantId", "")
            .With("Tabs:ClientId", ClientId)
            .With("Tabs:Resource", Resource)
            .With("Tabs:Instance", Identity.Instance)
            .With("Bot:AllowedTenants:0", Tenant)
            .Admin(Admin.ObjectId)
            // The guideline's gates, as in a real deployment: the tabs show and tick their checklists.
            .With(BotSettings.NoGatesKey, null)
            .With("SSL_CERT_FILE", Identity.TrustFile));
        await Bot.WaitUntilReadyAsync();
    }

    /// <summary>A client of the bot that follows no redirect and keeps no cookie: each test says what it sends.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Bot.BaseAddress };

    /// <summary>A valid token of <paramref name="user"/> for the tabs' client id.</summary>
    public string TokenFor(TabTokenUser user) => Identity.CreateToken(user, ClientId);

    /// <summary>The end of the bot's log, which says why a request was refused or failed.</summary>
    public string LogTail() => string.Join('\n', Bot.Output.Split('\n').TakeLast(40));

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

/// <summary>
/// The tests that share one <see cref="SignedInTabs"/> bot (and one browser); they run one after another, and apart from
/// the other collections: a bot process and Chromium beside them on 2 cores slowed the timing-sensitive delivery tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignedInTabsCollection : ICollectionFixture<SignedInTabs>, ICollectionFixture<TabBrowser>
{
    public const string Name = "Tabs with an app registration";
}
