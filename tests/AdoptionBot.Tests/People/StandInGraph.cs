using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using AdoptionBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AdoptionBot.Tests.People;

/// <summary>
/// A stand-in for Microsoft Graph's users, teams and channels endpoints, served over HTTP on loopback:
/// <c>GET /v1.0/users/{id}</c>, <c>GET /v1.0/teams/{group-id}</c> and <c>GET /v1.0/teams/{group-id}/channels/{channel-id}</c>
/// answer like Graph (properties limited by <c>$select</c>, 404 with an OData error for an unknown one), and can be told
/// to fail or to answer slowly. Point Graph:BaseUrl at <see cref="BaseUrl"/>.
/// </summary>
public sealed class StandInGraph : IAsyncDisposable
{
    private static readonly string[] DefaultUserProperties = ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"];
    private static readonly string[] DefaultTeamProperties = ["id", "createdDateTime", "displayName", "description", "visibility", "isArchived"];
    private static readonly string[] DefaultChannelProperties = ["id", "createdDateTime", "displayName", "description", "email", "webUrl", "membershipType"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JsonObject> _teams = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JsonObject> _channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<GraphRequest> _requests = new();

    private StandInGraph(WebApplication app) => _app = app;

    /// <summary>The Graph base URL of the stand-in, with the version: http://127.0.0.1:port/v1.0.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Status code to answer with instead of the user, to simulate a failing Graph; null for normal service.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>Retry-After header sent with <see cref="FailWith"/>, in seconds.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    public static async Task<StandInGraph> StartAsync()
    {
        var app = LoopbackServer.Create();
        var graph = new StandInGraph(app);
        app.MapGet("/v1.0/users/{id}", (HttpContext context, string id) => graph.GetAsync(context, graph._users, id, "users", DefaultUserProperties));
        app.MapGet("/v1.0/teams/{id}", (HttpContext context, string id) => graph.GetAsync(context, graph._teams, id, "teams", DefaultTeamProperties));
        app.MapGet(
            "/v1.0/teams/{id}/channels/{channelId}",
            (HttpContext context, string id, string channelId) => graph.GetAsync(context, graph._channels, ChannelKey(id, channelId), $"teams('{id}')/channels", DefaultChannelProperties));
        graph.BaseUrl = await LoopbackServer.StartAsync(app) + "/v1.0";
        return graph;
    }

    /// <summary>Adds a user as Graph would hold it; <paramref name="department"/> null for a profile without one.</summary>
    public void AddUser(string id, string displayName, string? department) =>
        _users[id] = new JsonObject
        {
            ["id"] = id,
            ["displayName"] = displayName,
            ["userPrincipalName"] = displayName.Replace(' ', '.').ToLowerInvariant() + "@nordhafen.example",
            ["jobTitle"] = "Engineer",
            ["department"] = department,
        };

    /// <summary>Adds a team as Graph holds it, under its Entra group id.</summary>
    public void AddTeam(string groupId, string displayName) =>
        _teams[groupId] = new JsonObject
        {
            ["id"] = groupId,
            ["createdDateTime"] = "2024-05-02T08:00:00Z",
            ["displayName"] = displayName,
            ["description"] = "Team of " + displayName,
            ["visibility"] = "private",
            ["isArchived"] = false,
        };

    /// <summary>Adds a channel of a team as Graph holds it.</summary>
    public void AddChannel(string groupId, string channelId, string displayName) =>
        _channels[ChannelKey(groupId, channelId)] = new JsonObject
        {
            ["id"] = channelId,
            ["createdDateTime"] = "2024-05-02T08:00:00Z",
            ["displayName"] = displayName,
            ["description"] = null,
            ["email"] = "",
            ["webUrl"] = $"https://teams.microsoft.com/l/channel/{Uri.EscapeDataString(channelId)}/{Uri.EscapeDataString(displayName)}?groupId={groupId}",
            ["membershipType"] = "standard",
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string ChannelKey(string groupId, string channelId) => groupId + "/" + channelId;

    private async Task<IResult> GetAsync(HttpContext context, ConcurrentDictionary<string, JsonObject> entities, string id, string entitySet, string[] defaultProperties)
    {
        var request = context.Request;
        _requests.Enqueue(new GraphRequest(request.Path + request.QueryString, request.Query["$select"].ToString(), request.Headers.Authorization.ToString()));

        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }

        if (FailWith is { } status)
        {
            if (RetryAfterSeconds is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var code = status == HttpStatusCode.TooManyRequests ? "TooManyRequests" : "generalException";
            return Error((int)status, code, "The stand-in Graph was told to fail.");
        }

        if (!entities.TryGetValue(id, out var entity))
        {
            return entitySet == "users"
                ? Error(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.")
                : Error(404, "NotFound", "No team found with Group Id " + id.Split('/')[0]);
        }

        var selected = request.Query["$select"].ToString();
        var properties = string.IsNullOrEmpty(selected) ? defaultProperties : selected.Split(',', StringSplitOptions.TrimEntries);
        var body = new JsonObject
        {
            ["@odata.context"] = $"{BaseUrl}/$metadata#{entitySet}({string.Join(',', properties)})/$entity",
        };
        foreach (var property in properties)
        {
            if (entity.TryGetPropertyValue(property, out var value))
            {
                body[property] = value?.DeepClone();
            }
        }

        return Results.Json(body);
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message, innerError = new { date = "2025-03-14T09:30:00", requestId = Guid.NewGuid() } } }, statusCode: status);
}

/// <summary>A request the stand-in Graph received.</summary>
public sealed record GraphRequest(string PathAndQuery, string Select, string Authorization);
