using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Ideas;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// The real bot (its own Program and configuration) in a test server, over a small knowledge folder from TestData,
/// with its own data folder, talking to a <see cref="StandInConnector"/> over HTTP. Tests post Teams activity JSON.
/// </summary>
public sealed partial class BotTestHost : IAsyncLifetime, IAsyncDisposable
{
    public const string AdminObjectId = BotSettings.TestAdminObjectId;

    private readonly BotSettings _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly StandInConnector? _sharedConnector;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _postedIds = new(StringComparer.Ordinal);
    private WebApplicationFactory<Program>? _factory;

    public BotTestHost()
        : this(new Dictionary<string, string?>())
    {
    }

    internal BotTestHost(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
        : this(settings, sharedConnector: null, configureServices)
    {
    }

    /// <param name="sharedConnector">A connector other hosts talk to as well (several bot instances); the caller disposes it.</param>
    internal BotTestHost(IDictionary<string, string?> settings, StandInConnector? sharedConnector, Action<IServiceCollection>? configureServices = null)
    {
        _configureServices = configureServices;
        _sharedConnector = sharedConnector;
        DataPath = Directory.CreateTempSubdirectory("adoptionbot-test-").FullName;
        _settings = BotSettings.ForTests(DataPath).With(settings);
    }

    public string DataPath { get; }

    public StandInConnector Connector { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>The ids of the activities posted to the bot: what the bot sends in reply to a turn carries one as its replyToId.</summary>
    public IReadOnlyCollection<string> PostedActivityIds => [.. _postedIds.Keys];

    /// <summary>A started host for one test: <c>await using var host = await BotTestHost.StartAsync(…)</c>.</summary>
    internal static async Task<BotTestHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var host = new BotTestHost(settings ?? new Dictionary<string, string?>(), configureServices);
        try
        {
            await host.InitializeAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        Connector = _sharedConnector ?? await StandInConnector.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
            if (_configureServices is not null)
            {
                builder.ConfigureServices(_configureServices);
            }
        });
        Client = _factory.CreateClient();
        var search = _factory.Services.GetRequiredService<IKnowledgeSearch>();
        await Poll.UntilAsync(() => search.IsReady, TimeSpan.FromSeconds(120), () => "the test knowledge base to be indexed", TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Loads an activity file from TestData/Activities, points it at the stand-in connector and applies <paramref name="change"/>.</summary>
    public JsonObject Activity(string file, Action<JsonObject>? change = null)
    {
        var activity = JsonNode.Parse(File.ReadAllText(TestPaths.TestData("Activities", file)))!.AsObject();
        activity["serviceUrl"] = Connector.ServiceUrl;
        activity["id"] = Guid.NewGuid().ToString("N");
        change?.Invoke(activity);
        return activity;
    }

    /// <summary>
    /// A message in a team channel that @mentions the bot, with the channel and team Teams would send; the team's Entra
    /// group id only when <paramref name="teamGroupId"/> is given, as Teams sends it with some activities only.
    /// </summary>
    public JsonObject ChannelMessage(string command, string channelId, string teamId = "19:teamGeneral0001@thread.tacv2", string teamName = "Purchasing GenAI", string? teamGroupId = null) =>
        Activity("channel-mention.json", a =>
        {
            a["text"] = "<at>AdoptionBot</at> " + command;
            a["conversation"]!["id"] = channelId + ";messageid=" + Guid.NewGuid().ToString("N");
            a["channelData"]!["teamsChannelId"] = channelId;
            a["channelData"]!["channel"] = new JsonObject { ["id"] = channelId, ["name"] = "General" };
            a["channelData"]!["team"] = teamGroupId is null
                ? new JsonObject { ["id"] = teamId, ["name"] = teamName }
                : new JsonObject { ["id"] = teamId, ["name"] = teamName, ["aadGroupId"] = teamGroupId };
            a["channelData"]!["teamsTeamId"] = teamId;
        });

    public Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        if (activity["id"]?.GetValue<string>() is { } id)
        {
            _postedIds[id] = true;
        }

        return PostRawAsync(activity.ToJsonString());
    }

    public Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
    }

    /// <summary>The idea form filled in as its submit button sends it (the verb included), for <see cref="PressAsync"/>.</summary>
    public static JsonObject IdeaSubmission(string formId, string title, string businessUnit = "Purchasing") => new()
    {
        ["verb"] = IdeaCards.SubmitVerb,
        ["formId"] = formId,
        ["title"] = title,
        ["problem"] = "Reading long supplier reports by hand takes the team hours every week.",
        ["businessUnit"] = businessUnit,
        ["dataClassification"] = "internal",
    };

    /// <summary>
    /// The employee of personal-message.json submits an idea: a fresh form, <see cref="IdeaSubmission"/> with
    /// <paramref name="change"/> applied to its fields; returns the idea's id.
    /// </summary>
    public async Task<string> SubmitIdeaAsync(string title, Action<JsonObject>? change = null)
    {
        var fields = IdeaSubmission(await NewIdeaFormAsync(), title);
        change?.Invoke(fields);
        return IdeaId().Match(await PressAndReadAsync(fields)).Value;
    }

    /// <summary>The portfolio team presses a status button: <paramref name="ideaId"/> to <paramref name="status"/> from <paramref name="version"/>, with a comment when given.</summary>
    public Task<string> MoveIdeaAsync(string ideaId, string status, int version, string? comment = null, Action<JsonObject>? change = null)
    {
        var data = new JsonObject { ["verb"] = IdeaCards.SetStatusVerb, ["ideaId"] = ideaId, ["status"] = status, ["version"] = version };
        if (comment is not null)
        {
            data["comment." + ideaId] = comment;
        }

        return PressAndReadAsync(data, admin: true, change);
    }

    /// <summary>An idea's id as the bot writes it in a confirmation ("IDEA-0042"); group 1 is its number.</summary>
    [GeneratedRegex(@"IDEA-(\d{4,})")]
    public static partial Regex IdeaId();

    /// <summary>The employee of personal-message.json asks for the idea form in their personal chat; returns its form id.</summary>
    public async Task<string> NewIdeaFormAsync()
    {
        var reply = await AskAsync(Activity("personal-message.json", a => a["text"] = "new idea"));
        return reply.Activity["attachments"]![0]!["content"]!["actions"]![0]!["data"]!["formId"]!.GetValue<string>();
    }

    /// <summary>
    /// Presses a card button: an adaptiveCard/action invoke carrying <paramref name="data"/> (its "verb" included), from
    /// the employee of card-action-invoke.json or, with <paramref name="admin"/>, from the portfolio team; <paramref name="change"/>
    /// edits the activity (another conversation, say).
    /// </summary>
    public Task<HttpResponseMessage> PressAsync(JsonObject data, bool admin = false, Action<JsonObject>? change = null) =>
        PostAsync(Activity("card-action-invoke.json", a =>
        {
            a["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["verb"]!.GetValue<string>(), ["data"] = data };
            if (admin)
            {
                a["from"]!["aadObjectId"] = AdminObjectId;
            }

            change?.Invoke(a);
        }));

    /// <summary>Presses a card button as <see cref="PressAsync"/> does, fails the test unless the bot answers 2xx, and returns the answer's body.</summary>
    public async Task<string> PressAndReadAsync(JsonObject data, bool admin = false, Action<JsonObject>? change = null)
    {
        using var response = await PressAsync(data, admin, change);
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    /// <summary>Posts a message and waits for the bot's reply to it.</summary>
    public async Task<SentActivity> AskAsync(JsonObject activity)
    {
        var id = activity["id"]!.GetValue<string>();
        using var response = await PostAsync(activity);
        response.EnsureSuccessStatusCode();
        return (await Connector.WaitForAsync(a => a.ReplyToId == id))[^1];
    }

    public Task<T> QueryStoreAsync<T>(Func<AdoptionBotDbContext, Task<T>> query) =>
        Services.GetRequiredService<IDbContextFactory<AdoptionBotDbContext>>().QueryAsync(query);

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_sharedConnector is null && Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by a pooled connection; the temp folder is cleaned by the OS
        }
    }
}
