using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// The bot on Kestrel and the Microsoft 365 Agents Playground in front of it, with a client connected to the
/// playground. Installs tests/e2e's npm packages first when needed. Shared by the tests of <see cref="PlaygroundCollection"/>.
/// </summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan KnowledgeReadyTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The aadObjectId of the playground's built-in current user (Alex Wilber, user-id-0). The bot starts before the
    /// playground, so it is known here up front; the tests check it against the playground's test configuration.
    /// </summary>
    public const string PlaygroundUserObjectId = "00000000-0000-0000-0000-0000000000020";

    /// <summary>The playground's second built-in user, Megan Bowen (user-id-1): in the walk, a second portfolio-team member.</summary>
    public const string SecondUserId = "user-id-1";
    public const string SecondUserObjectId = "00000000-0000-0000-0000-0000000000021";

    /// <summary>Its third, Adele Vance (user-id-2): in the walk, Legal's AI Act desk.</summary>
    public const string ThirdUserId = "user-id-2";
    public const string ThirdUserObjectId = "00000000-0000-0000-0000-0000000000022";

    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), $"adoptionbot-e2e-{Guid.NewGuid():N}");
    private BotServer? _bot;
    private PlaygroundServer? _playground;
    private PlaygroundClient? _client;

    public PlaygroundClient Client => _client ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The playground's web UI, e.g. for a browser.</summary>
    public Uri PlaygroundAddress => _playground?.BaseAddress ?? throw new InvalidOperationException("The fixture is not initialised.");

    public Uri BotAddress => _bot?.BaseAddress ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The playground's log: what it sent to the bot and received, for failure messages.</summary>
    public string PlaygroundLog => _playground?.ReadLog() ?? "";

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout + TimeSpan.FromMinutes(10));
        try
        {
            var dataFolder = Directory.CreateDirectory(Path.Combine(_workFolder, "data")).FullName;
            var playgroundFolder = Directory.CreateDirectory(Path.Combine(_workFolder, "playground")).FullName;

            await NodePackages.EnsureInstalledAsync(TestPaths.EndToEndPackage, cts.Token);

            // The playground's user is on the portfolio team, so the tests can triage and move ideas; no app identity, like
            // the playground without --client-id.
            _bot = new BotServer(new BotSettings()
                .Knowledge(TestPaths.SampleKnowledge)
                .DataFolder(dataFolder)
                .With("ConnectionStrings:AdoptionBot", $"Data Source={Path.Combine(dataFolder, "adoptionbot.db")}")
                .LogLevel("Warning")
                .Admin(PlaygroundUserObjectId)

                // The portfolio walk: a second team member assesses (never the submitter), Legal signs high-risk moves off.
                .With("Portfolio:Admins:1", SecondUserObjectId)
                .With("Portfolio:LegalReviewers:0", ThirdUserObjectId)

                // Every end-to-end test is the playground's one user, sending faster than a person: no per-person limit.
                .With("RateLimit:MaxPerMinute", "0")
                .Anonymous());
            _bot.Start();
            await Healthz.WaitAsync(_bot.BaseAddress, StartTimeout, () => "The bot", cancellationToken: cts.Token);

            // The playground runs in its own folder: it reads .m365agentsplayground.yml from there and writes nothing into the repository.
            _playground = await PlaygroundServer.StartAsync(TestPaths.EndToEndPackage, _bot.MessagesEndpoint, playgroundFolder, StartTimeout, cts.Token);
            _client = await PlaygroundClient.ConnectAsync(_playground.BaseAddress, cts.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Asks a question and returns the bot's answer. While the bot is still indexing the knowledge base after its
    /// start it says so instead of answering; the question is then asked again until the index is ready.
    /// </summary>
    public Task<PlaygroundReplies> AskQuestionAsync(string question, TimeSpan replyTimeout) => Poll.ReadUntilAsync(
        () => Client.SendAndCollectAsync(question, m => m.Text.Length > 0, replyTimeout),
        replies => replies.Match is null || !IsIndexingNotice(replies.Match),
        KnowledgeReadyTimeout,
        TimeSpan.FromSeconds(2));

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
            _client = null;
        }

        _playground?.Dispose();
        _playground = null;
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
            _bot = null;
        }

        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsIndexingNotice(PlaygroundMessage message) =>
        message.Text.Contains("still reading the knowledge base", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The end-to-end tests that share one bot and one playground; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "Playground end-to-end";
}
