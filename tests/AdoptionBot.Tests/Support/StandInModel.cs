using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// A stand-in for the Azure OpenAI and OpenAI REST APIs, served over HTTP on loopback: chat completions (JSON, or
/// server-sent events when the request asks to stream) and embeddings, on the Azure paths
/// (/openai/deployments/{deployment}/...) and the OpenAI paths (/v1/...). It records every request and answers as
/// <see cref="Reply"/> says: fixed text, delays, a hang, an HTTP error, or a stream that breaks off.
/// </summary>
public sealed partial class StandInModel : IAsyncDisposable
{
    public const int DefaultDimensions = 64;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ModelRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private StandInModel(WebApplication app) => _app = app;

    /// <summary>The Azure OpenAI endpoint (AI:Endpoint with AI:Provider AzureOpenAI).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>The OpenAI-compatible base address (AI:Endpoint with AI:Provider OpenAI).</summary>
    public string OpenAIEndpoint => Endpoint + "v1";

    /// <summary>How to answer a chat request; by default a one-sentence answer citing passage 1.</summary>
    public Func<ModelRequest, ModelReply> Reply { get; set; } = _ => ModelReply.Text("Do not paste customer data into public AI tools [1].");

    public IReadOnlyList<ModelRequest> Requests => [.. _requests];

    public static async Task<StandInModel> StartAsync()
    {
        var app = LoopbackServer.Create();
        var model = new StandInModel(app);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (HttpContext c, string deployment) => model.ChatAsync(c, deployment));
        app.MapPost("/openai/deployments/{deployment}/embeddings", (HttpContext c, string deployment) => model.EmbeddingsAsync(c, deployment));
        app.MapPost("/v1/chat/completions", (HttpContext c) => model.ChatAsync(c, null));
        app.MapPost("/v1/embeddings", (HttpContext c) => model.EmbeddingsAsync(c, null));
        model.Endpoint = await LoopbackServer.StartAsync(app) + "/";
        return model;
    }

    /// <summary>Waits until a request has arrived; returns the first.</summary>
    public async Task<ModelRequest> WaitForRequestAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_requests.IsEmpty)
        {
            await _arrived.WaitAsync(timeout.Token);
        }

        return _requests.First();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    /// <summary>An answer that cites every passage the request numbered, one sentence each.</summary>
    public static ModelReply CitingEveryPassage(ModelRequest request) =>
        ModelReply.Text(string.Join(' ', request.PassageNumbers.Select(n => $"Passage {n} applies here [{n}].")));

    private async Task ChatAsync(HttpContext context, string? deployment)
    {
        var request = await RecordAsync(context, deployment);
        var reply = Reply(request);
        if (reply.Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }

        if (reply.Status != HttpStatusCode.OK)
        {
            context.Response.StatusCode = (int)reply.Status;
            await context.Response.WriteAsJsonAsync(new { error = new { code = reply.Status.ToString(), message = "Scripted failure" } });
            return;
        }

        var model = request.Body["model"]?.GetValue<string>() ?? deployment ?? "stand-in";
        if (request.Streams)
        {
            await StreamAsync(context, reply, model);
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = "chatcmpl-standin",
            ["object"] = "chat.completion",
            ["created"] = 1_767_225_600,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 },
        });
    }

    private static async Task StreamAsync(HttpContext context, ModelReply reply, string model)
    {
        context.Response.ContentType = "text/event-stream";
        var chunks = Words().Matches(reply.Content).Select(m => m.Value).ToList();
        await WriteEventAsync(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        for (var i = 0; i < chunks.Count; i++)
        {
            if (reply.BreakAfterChunks is { } breakAfter && i == breakAfter)
            {
                context.Abort(); // the connection drops mid-answer
                return;
            }

            if (reply.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(reply.ChunkDelay, context.RequestAborted);
            }

            await WriteEventAsync(context, Chunk(model, new JsonObject { ["content"] = chunks[i] }, null));
        }

        await WriteEventAsync(context, Chunk(model, new JsonObject(), "stop"));
        await context.Response.WriteAsync("data: [DONE]\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-standin",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_767_225_600,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static async Task WriteEventAsync(HttpContext context, JsonObject data)
    {
        await context.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n");
        await context.Response.Body.FlushAsync();
    }

    private async Task EmbeddingsAsync(HttpContext context, string? deployment)
    {
        var request = await RecordAsync(context, deployment);
        var input = request.Body["input"];
        var texts = input is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [input!.GetValue<string>()];
        var dimensions = request.Body["dimensions"]?.GetValue<int>() ?? DefaultDimensions;
        var base64 = request.Body["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray(texts.Select((text, i) =>
        {
            var vector = Embed(text, dimensions);
            JsonNode embedding = base64
                ? Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray())
                : new JsonArray(vector.Select(v => (JsonNode)v).ToArray());
            return (JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding };
        }).ToArray());
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request.Body["model"]?.GetValue<string>() ?? deployment,
            ["usage"] = new JsonObject { ["prompt_tokens"] = texts.Count, ["total_tokens"] = texts.Count },
        });
    }

    /// <summary>Words hashed into buckets and normalised: texts that share words are close.</summary>
    private static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (Match word in Words().Matches(text.ToLowerInvariant()))
        {
            vector[(int)((uint)StringComparer.Ordinal.GetHashCode(word.Value.Trim()) % (uint)dimensions)] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }

    private async Task<ModelRequest> RecordAsync(HttpContext context, string? deployment)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        var request = new ModelRequest(
            context.Request.Path.Value ?? "",
            context.Request.Query["api-version"].ToString(),
            deployment,
            body,
            context.Request.Headers["api-key"].ToString(),
            context.Request.Headers.Authorization.ToString());
        _requests.Enqueue(request);
        _arrived.Release();
        return request;
    }

    // A word with the space before it: streamed chunks re-join to the original text.
    [GeneratedRegex(@"\s*\S+")]
    private static partial Regex Words();
}

/// <summary>What the stand-in answers a chat request with.</summary>
public sealed record ModelReply(string Content, HttpStatusCode Status = HttpStatusCode.OK)
{
    /// <summary>Never answer (until the client gives up).</summary>
    public bool Hang { get; init; }

    /// <summary>When streaming: the pause before each chunk.</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>When streaming: drop the connection after this many chunks.</summary>
    public int? BreakAfterChunks { get; init; }

    public static ModelReply Text(string content) => new(content);

    public static ModelReply Fail(HttpStatusCode status) => new("", status);

    public static ModelReply Hanging() => new("") { Hang = true };
}

/// <summary>A request the stand-in received.</summary>
public sealed partial record ModelRequest(string Path, string ApiVersion, string? Deployment, JsonObject Body, string ApiKey, string Authorization)
{
    public bool Streams => Body["stream"]?.GetValue<bool>() == true;

    public JsonArray Messages => Body["messages"] as JsonArray ?? [];

    public string SystemMessage => MessageText("system");

    public string UserMessage => MessageText("user");

    /// <summary>The passage numbers in the user message's passages block.</summary>
    public IReadOnlyList<int> PassageNumbers =>
        PassageNumber().Matches(UserMessage).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private string MessageText(string role)
    {
        var message = Messages.OfType<JsonObject>().FirstOrDefault(m => m["role"]?.GetValue<string>() is { } r && (r == role || (role == "system" && r == "developer")));
        return message?["content"] switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => p["text"]?.GetValue<string>())),
            _ => "",
        };
    }

    [GeneratedRegex("<passage number=\"(\\d+)\"")]
    private static partial Regex PassageNumber();
}
