using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// A stand-in for the Bot Connector service, served over HTTP on loopback: it takes what the bot sends to
/// /v3/conversations/... exactly as the real connector would, answers with a new activity id, and lets a test wait
/// for the activities. Put its <see cref="ServiceUrl"/> into the activities posted to the bot.
/// </summary>
public sealed class StandInConnector : IAsyncDisposable
{
    /// <summary>The largest request body the connector takes, as Teams: 28 KB; a larger one is answered 413 MessageSizeTooBig.</summary>
    public const int MaxBodyBytes = 28 * 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SentActivity> _sent = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<JsonObject> _createdConversations = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> _scripts = new();
    private readonly ConcurrentDictionary<string, JsonObject> _teams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _rosterAdditions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _rosterFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TimeSpan>> _stalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Content, string? ContentRange)> _files = new(StringComparer.Ordinal);
    private int _nextId;

    private StandInConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Status code to answer with instead of success, to simulate a failing connector; null for normal service.</summary>
    public HttpStatusCode? FailWith { get; set; }

    public IReadOnlyCollection<SentActivity> Sent => _sent.ToArray();

    /// <summary>Every activity call, answered or failed, in arrival order.</summary>
    public IReadOnlyCollection<ConnectorCall> Calls => _calls.ToArray();

    /// <summary>The bodies of create-conversation calls (POST /v3/conversations).</summary>
    public IReadOnlyCollection<JsonObject> CreatedConversations => _createdConversations.ToArray();

    /// <summary>
    /// How long to hold each successful answer after the activity is recorded: a slow connector, so a sender can be
    /// stopped while its calls are in flight (received here, answer not yet back).
    /// </summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>Consulted for each activity call that no script answers: a failure to answer with, or null for success.</summary>
    public Func<string, ScriptedAnswer?>? AnswerWith { get; set; }

    /// <summary>The next activity calls to <paramref name="conversationId"/> (any conversation when null) get these answers, one per call, then normal service.</summary>
    public void Script(string? conversationId, params ScriptedAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(conversationId ?? "", _ => new ConcurrentQueue<ScriptedAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>
    /// The next <paramref name="calls"/> activity calls to <paramref name="conversationId"/> stall: the connector holds
    /// each for <paramref name="holdFor"/> (or until the bot gives up), then answers 504 without having taken the
    /// activity, as a gateway in front of an overloaded service would. Recorded in <see cref="Calls"/> with 504.
    /// </summary>
    public void Stall(string conversationId, int calls, TimeSpan holdFor)
    {
        var queue = _stalls.GetOrAdd(conversationId, _ => new ConcurrentQueue<TimeSpan>());
        for (var i = 0; i < calls; i++)
        {
            queue.Enqueue(holdFor);
        }
    }

    public static async Task<StandInConnector> StartAsync()
    {
        var app = LoopbackServer.Create();
        var connector = new StandInConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest r, string conversationId, string activityId) => connector.ReceiveAsync(r, conversationId, activityId));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest r, string conversationId) => connector.ReceiveAsync(r, conversationId, null));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest r, string conversationId, string activityId) => connector.ReceiveAsync(r, conversationId, activityId));
        // Teams' member lookup, which the SDK's Teams handler calls when members are added.
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (string memberId) => Results.Json(new
        {
            id = memberId,
            name = "Test User",
            aadObjectId = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80",
            userPrincipalName = "test.user@nordhafen.example",
            tenantId = "72f988bf-0000-4000-8000-000000000001",
            userRole = "user",
        }));
        app.MapPost("/v3/conversations", connector.CreateConversationAsync);
        // A stand-in for the person's OneDrive: the upload address of a file-consent answer, and the download address of an attached file.
        app.MapPut("/files/{name}", async (HttpRequest r, string name) =>
        {
            using var buffer = new MemoryStream();
            await r.Body.CopyToAsync(buffer);
            connector._files[name] = (buffer.ToArray(), r.Headers.ContentRange.ToString());
            return Results.Created($"/files/{name}", null);
        });
        app.MapGet("/files/{name}", (string name) => connector._files.TryGetValue(name, out var file) ? Results.Bytes(file.Content) : Results.NotFound());
        // A team's roster, a page at a time (TeamsInfo.GetPagedTeamMembersAsync): the continuation token is the next index.
        app.MapGet("/v3/conversations/{teamId}/pagedmembers", (string teamId, int? pageSize, string? continuationToken) => connector.Roster(teamId, pageSize, continuationToken));
        // Teams' team details (TeamsInfo.GetTeamDetailsAsync): 404 for a team the test did not add.
        app.MapGet("/v3/teams/{teamId}", (string teamId) => connector._teams.TryGetValue(teamId, out var team)
            ? Results.Json(team)
            : Results.Json(new { error = new { code = "NotFound", message = "Team not found" } }, statusCode: 404));
        connector.ServiceUrl = await LoopbackServer.StartAsync(app) + "/";
        return connector;
    }

    /// <summary>Waits until <paramref name="count"/> activities matching <paramref name="match"/> have arrived.</summary>
    public async Task<IReadOnlyList<SentActivity>> WaitForAsync(Func<SentActivity, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = _sent.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Where everything else went, and the calls it answered with an error: enough to tell a lost message from a slow one.
                var received = string.Join("; ", _sent.Select(a => $"{(a.IsUpdate ? "PUT" : "POST")} {a.ConversationId} {a.Id}"));
                var failed = string.Join("; ", _calls.Where(c => c.Status != HttpStatusCode.OK).Select(c => $"{c.ConversationId} {(int)c.Status}"));
                throw new TimeoutException($"Only {found.Count} of {count} expected activities reached the connector; it received {_sent.Count} in all: {received}. Calls answered with an error: {(failed.Length == 0 ? "none" : failed)}.");
            }
        }
    }

    /// <summary>Makes the connector know a team, as the team details call returns it.</summary>
    /// <summary>The address of a file in the stand-in OneDrive (upload with PUT, download with GET).</summary>
    public string FileUrl(string name) => $"{ServiceUrl.TrimEnd('/')}/files/{Uri.EscapeDataString(name)}";

    /// <summary>Puts a file into the stand-in OneDrive, as if the person had attached it.</summary>
    public void StageFile(string name, byte[] content) => _files[name] = (content, null);

    /// <summary>A file the bot uploaded, with the Content-Range it sent; null when there is none.</summary>
    public (byte[] Content, string? ContentRange)? Uploaded(string name) => _files.TryGetValue(name, out var file) ? file : null;

    public void AddTeam(string teamId, string name, string aadGroupId) =>
        _teams[teamId] = new JsonObject { ["id"] = teamId, ["name"] = name, ["aadGroupId"] = aadGroupId, ["type"] = "standard" };

    /// <summary>Adds a guest (someone from outside the organisation) to the roster of <paramref name="teamId"/>, after the members every team has.</summary>
    public void AddGuest(string teamId) =>
        _rosterAdditions.GetOrAdd(teamId, _ => new ConcurrentQueue<JsonObject>()).Enqueue(Member("guest-" + Guid.NewGuid().ToString("N")[..8], "Outside Guest", "guest"));

    /// <summary>Makes the roster call for <paramref name="teamId"/> fail with 503.</summary>
    public void FailRoster(string teamId) => _rosterFailures[teamId] = true;

    public void Clear()
    {
        _sent.Clear();
        _calls.Clear();
        _createdConversations.Clear();
        _scripts.Clear();
        _stalls.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    /// <summary>The members every team has here: the user of the test activities and the test portfolio admin; then those a test added.</summary>
    private IResult Roster(string teamId, int? pageSize, string? continuationToken)
    {
        if (_rosterFailures.ContainsKey(teamId))
        {
            return Results.Json(new { error = new { code = "ServiceUnavailable", message = "Roster unavailable" } }, statusCode: 503);
        }

        JsonObject[] members =
        [
            Member("5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80", "Test User", "user"),
            Member(BotSettings.TestAdminObjectId, "Portfolio Admin", "user"),
            .. _rosterAdditions.TryGetValue(teamId, out var added) ? added.ToArray() : [],
        ];
        var start = int.TryParse(continuationToken, out var index) ? index : 0;
        var size = Math.Max(1, pageSize ?? 200);
        var page = new JsonArray([.. members.Skip(start).Take(size).Select(m => (JsonNode)m.DeepClone())]);
        var next = start + size < members.Length ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Results.Json(new JsonObject { ["continuationToken"] = next, ["members"] = page });
    }

    private static JsonObject Member(string objectId, string name, string role) => new()
    {
        ["id"] = "29:" + objectId,
        ["name"] = name,
        ["aadObjectId"] = objectId,
        ["tenantId"] = "72f988bf-0000-4000-8000-000000000001",
        ["userRole"] = role,
    };

    private async Task<IResult> CreateConversationAsync(HttpRequest request)
    {
        if (await TooBigAsync(request) is { } refused)
        {
            return refused;
        }

        var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
        _createdConversations.Enqueue(body);
        return Results.Json(new { id = "a:conversation-" + Interlocked.Increment(ref _nextId) });
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, string conversationId, string? replyToId)
    {
        var receivedAt = TimeProvider.System.GetUtcNow();
        if (_stalls.TryGetValue(conversationId, out var stalls) && stalls.TryDequeue(out var holdFor))
        {
            _calls.Enqueue(new ConnectorCall(conversationId, receivedAt, HttpStatusCode.GatewayTimeout));
            try
            {
                await Task.Delay(holdFor, request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the bot gave up first
            }

            return Results.Json(new { error = new { code = "GatewayTimeout", message = "Stalled" } }, statusCode: (int)HttpStatusCode.GatewayTimeout);
        }

        var answer = FailWith is { } status ? new ScriptedAnswer(status) : NextScripted(conversationId) ?? AnswerWith?.Invoke(conversationId);
        if (answer is not null)
        {
            _calls.Enqueue(new ConnectorCall(conversationId, receivedAt, answer.Status));
            if (answer.RetryAfterSeconds is { } seconds)
            {
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Json(new { error = new { code = answer.Status.ToString(), message = "Scripted failure" } }, statusCode: (int)answer.Status);
        }

        if (await TooBigAsync(request) is { } refused)
        {
            _calls.Enqueue(new ConnectorCall(conversationId, receivedAt, HttpStatusCode.RequestEntityTooLarge));
            return refused;
        }

        var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
        var id = "activity-" + Interlocked.Increment(ref _nextId);
        _calls.Enqueue(new ConnectorCall(conversationId, receivedAt, HttpStatusCode.OK));
        var updated = HttpMethods.IsPut(request.Method) ? replyToId : null;
        if (updated is not null)
        {
            id = updated;
        }

        _sent.Enqueue(new SentActivity(id, conversationId, updated is null ? replyToId : null, body, request.Headers.Authorization.ToString()) { ReceivedAt = receivedAt, IsUpdate = updated is not null });
        _arrived.Release();
        if (AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay);
        }

        return Results.Json(new { id });
    }

    /// <summary>Teams' answer to a body over <see cref="MaxBodyBytes"/>, as the bytes arrived; null (and the body rewound) when it fits.</summary>
    private static async Task<IResult?> TooBigAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy);
        request.Body.Position = 0;
        return copy.Length <= MaxBodyBytes
            ? null
            : Results.Json(
                new { error = new { code = "MessageSizeTooBig", message = $"Message size too big: {copy.Length:N0} bytes, at most {MaxBodyBytes:N0}." } },
                statusCode: (int)HttpStatusCode.RequestEntityTooLarge);
    }

    private ScriptedAnswer? NextScripted(string conversationId) =>
        (_scripts.TryGetValue(conversationId, out var own) && own.TryDequeue(out var answer)) || (_scripts.TryGetValue("", out var any) && any.TryDequeue(out answer))
            ? answer
            : null;
}

/// <summary>A failure the stand-in answers with instead of success; <paramref name="RetryAfterSeconds"/> becomes the Retry-After header.</summary>
public sealed record ScriptedAnswer(HttpStatusCode Status, int? RetryAfterSeconds = null);

/// <summary>One activity call the connector received, and the status it answered.</summary>
public sealed record ConnectorCall(string ConversationId, DateTimeOffset ReceivedAt, HttpStatusCode Status);

/// <summary>An activity the bot sent, with the id the connector gave it.</summary>
public sealed record SentActivity(string Id, string ConversationId, string? ReplyToId, JsonObject Activity, string Authorization)
{
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>An update of the message <see cref="Id"/> (PUT), not a new one.</summary>
    public bool IsUpdate { get; init; }

    public string? Type => Activity["type"]?.GetValue<string>();

    public string Text => Activity["text"]?.GetValue<string>() ?? "";

    public JsonArray? Citations =>
        (Activity["entities"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(e => e["type"]?.GetValue<string>() == "https://schema.org/Message")?["citation"] as JsonArray;
}
