using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// Talks to the bot the way the playground's web UI does: sends as the playground's current user into its personal
/// chat over the playground's conversation API, and reads the bot's replies from the stream WebSocket.
/// </summary>
public sealed class PlaygroundClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket;
    private readonly Channel<PlaygroundMessage> _received = Channel.CreateUnbounded<PlaygroundMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;

    private PlaygroundClient(HttpClient http, ClientWebSocket socket, JsonElement config)
    {
        _http = http;
        _socket = socket;
        ConversationId = config.GetProperty("personalChat").GetProperty("id").GetString()!;
        var user = config.GetProperty("currentUser");
        UserId = user.GetProperty("id").GetString()!;
        UserObjectId = user.TryGetProperty("aadObjectId", out var objectId) ? objectId.GetString() : null;
        var bot = config.GetProperty("bot");
        BotId = bot.GetProperty("id").GetString()!;
        BotName = bot.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
        GeneralChannelId = GeneralChannelOf(config);
        _receiveLoop = ReceiveLoopAsync();
    }

    /// <summary>The playground's personal chat between its current user and the bot.</summary>
    public string ConversationId { get; }

    public string UserId { get; }

    public string BotId { get; }

    /// <summary>The current user's Entra object id (aadObjectId), as the playground puts it in the activities it sends.</summary>
    public string? UserObjectId { get; }

    public string BotName { get; }

    /// <summary>The General channel of the playground's first mock team (its id is the team's); null when its configuration has none.</summary>
    public string? GeneralChannelId { get; }

    /// <summary>Reads the playground's test configuration and connects the stream socket before anything is sent.</summary>
    public static async Task<PlaygroundClient> ConnectAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var socket = new ClientWebSocket();
        try
        {
            var testConfig = await http.GetFromJsonAsync<JsonElement>(new Uri("_internal/v1/testConfig", UriKind.Relative), cancellationToken);
            var config = testConfig.GetProperty("config");
            var streamUri = new UriBuilder(new Uri(baseAddress, "_ws_conversation/v1/conversations/stream")) { Scheme = "ws" }.Uri;
            await socket.ConnectAsync(streamUri, cancellationToken);
            return new PlaygroundClient(http, socket, config.Clone());
        }
        catch
        {
            socket.Dispose();
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Installs the bot in the personal chat as the web UI does when it opens: the playground sends the bot an
    /// installationUpdate (action add) and a conversationUpdate with the user and the bot in membersAdded.
    /// </summary>
    public Task InstallAsync(CancellationToken cancellationToken) => InstallAsync(ConversationId, cancellationToken);

    /// <summary>
    /// Installs the bot in a conversation. For a channel the playground installs it in the channel's team: an
    /// installationUpdate (action add), then a conversationUpdate with the bot in membersAdded.
    /// </summary>
    public async Task InstallAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            new Uri($"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", UriKind.Relative),
            new { },
            cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends a text message as the current user; the playground forwards it to the bot after answering. Returns the message id.</summary>
    public async Task<string> SendMessageAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            new Uri($"_conversation/v1/conversations/{Uri.EscapeDataString(ConversationId)}/messages", UriKind.Relative),
            new { from = new { id = UserId }, text, textFormat = "plain" },
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The playground refused the message ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("messageId").GetString() ?? "";
    }

    /// <summary>
    /// Sends a message into a channel (or group chat) that @mentions the bot, as the web UI does when the bot is picked
    /// from the mention list: the text starts with the &lt;at&gt; tag and the mention is listed. The playground forwards
    /// only messages that mention the bot there. Returns the message id.
    /// </summary>
    public async Task<string> SendMentioningBotAsync(string conversationId, string text, CancellationToken cancellationToken)
    {
        var mention = $"<at>{BotName}</at>";
        var body = new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = UserId },
            ["text"] = $"{mention} {text}",
            ["textFormat"] = "plain",
            ["mentions"] = new JsonArray(new JsonObject
            {
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
                ["text"] = mention,
            }),
        };
        using var response = await _http.PostAsJsonAsync(
            new Uri($"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", UriKind.Relative),
            body,
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The playground refused the message ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return answer.GetProperty("messageId").GetString() ?? "";
    }

    /// <summary>
    /// Clicks an Action.Execute of the card in <paramref name="cardMessage"/> as the web UI does: an adaptiveCard/action
    /// invoke with the action's verb, title and data plus the card's input values (<paramref name="typed"/> over the
    /// values the card came with), and the card's message id as replyToId. Returns the bot's invoke response.
    /// </summary>
    /// <param name="fromUserId">Another user of the playground's configuration (user-id-1 is Megan Bowen) clicks instead of the current one.</param>
    public Task<PlaygroundInvokeResponse> ExecuteCardActionAsync(
        PlaygroundMessage cardMessage,
        string verb,
        IReadOnlyDictionary<string, string> typed,
        CancellationToken cancellationToken,
        string? fromUserId = null)
    {
        var (card, action) = cardMessage.AdaptiveCards
            .Select(c => (Card: c, Action: c.ExecuteAction(verb)))
            .FirstOrDefault(c => c.Action is not null);
        if (action is not { } execute)
        {
            throw new InvalidOperationException($"The message has no card with an Action.Execute '{verb}':\n{cardMessage}");
        }

        var value = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = execute.TryGetProperty("title", out var title) ? title.GetString() : null,
                ["verb"] = verb,
                ["data"] = card.ActionData(execute, typed),
            },
        };
        return InvokeCardActionAsync(cardMessage.MessageId ?? "", value, cancellationToken, fromUserId);
    }

    /// <summary>
    /// Sends an adaptiveCard/action invoke through the playground. The playground forwards it to the bot, stores the
    /// card the bot answers with in place of the card <paramref name="replyToId"/>, and returns the bot's response,
    /// from which the web UI redraws that card. Nothing is sent on the stream socket.
    /// </summary>
    /// <param name="conversationId">Another conversation than the personal chat (a team channel, where the other users are members).</param>
    public async Task<PlaygroundInvokeResponse> InvokeCardActionAsync(string replyToId, JsonObject value, CancellationToken cancellationToken, string? fromUserId = null, string? conversationId = null)
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = value,
            ["from"] = new JsonObject { ["id"] = fromUserId ?? UserId },
            ["conversation"] = new JsonObject { ["id"] = conversationId ?? ConversationId },
            ["replyToId"] = replyToId,
        };
        using var response = await _http.PostAsJsonAsync(new Uri("_conversation/v1/invoke", UriKind.Relative), body, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The playground's invoke failed ({(int)response.StatusCode}): {content}");
        }

        return PlaygroundInvokeResponse.Parse(content);
    }

    /// <summary>
    /// Sends an Action.Submit of the card <paramref name="replyToId"/> as the web UI does (a client without Universal
    /// Actions): after answering, the playground sends the bot a message whose value is <paramref name="value"/>.
    /// </summary>
    public async Task SubmitCardAsync(string replyToId, JsonObject value, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["from"] = new JsonObject { ["id"] = UserId },
            ["replyToId"] = replyToId,
            ["value"] = value,
        };
        using var response = await _http.PostAsJsonAsync(new Uri("_conversation/v1/submit", UriKind.Relative), body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The playground refused the submission ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Drops what the socket received so far (e.g. a late reply to an earlier turn).</summary>
    public void DiscardReceived()
    {
        while (_received.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Discards earlier replies, sends <paramref name="text"/>, and collects the bot's replies until one matches or the timeout passes.</summary>
    public async Task<PlaygroundReplies> SendAndCollectAsync(string text, Func<PlaygroundMessage, bool> until, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        DiscardReceived();
        await SendMessageAsync(text, cancellationToken);
        return await CollectAsync(until, timeout, cancellationToken);
    }

    /// <summary>Collects the bot's messages from the stream until one matches <paramref name="until"/> or the timeout passes.</summary>
    public async Task<PlaygroundReplies> CollectAsync(Func<PlaygroundMessage, bool> until, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var collected = new List<PlaygroundMessage>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (await _received.Reader.WaitToReadAsync(cts.Token))
            {
                while (_received.Reader.TryRead(out var message))
                {
                    if (message.FromId != BotId)
                    {
                        continue;
                    }

                    collected.Add(message);
                    if (until(message))
                    {
                        return new PlaygroundReplies(collected, message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: return what arrived.
        }

        return new PlaygroundReplies(collected, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", closing.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        try
        {
            await _receiveLoop;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }

    private static string? GeneralChannelOf(JsonElement config)
    {
        if (!config.TryGetProperty("teams", out var teams) || teams.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var team in teams.EnumerateArray())
        {
            if (team.TryGetProperty("channels", out var channels) && channels.ValueKind == JsonValueKind.Array)
            {
                foreach (var channel in channels.EnumerateArray())
                {
                    if (channel.TryGetProperty("name", out var name) && name.GetString() == "General" && channel.TryGetProperty("id", out var id))
                    {
                        return id.GetString();
                    }
                }
            }
        }

        return null;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var json = Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length);
                frame.SetLength(0);
                if (PlaygroundMessage.FromFrame(JsonSerializer.Deserialize<JsonElement>(json)) is { } message)
                {
                    await _received.Writer.WriteAsync(message, _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}

/// <summary>The bot's messages collected for one turn, and the one that matched (null after a timeout).</summary>
public sealed record PlaygroundReplies(IReadOnlyList<PlaygroundMessage> Messages, PlaygroundMessage? Match)
{
    public override string ToString() =>
        Messages.Count == 0 ? "(no reply from the bot)" : string.Join("\n", Messages.Select(m => m.ToString()));
}

/// <summary>
/// The playground's answer to an invoke: the type and value of the bot's invoke response. For adaptiveCard/action the
/// web UI draws a card value in place of the clicked card (with "Your response was sent to the app" under it) and
/// shows a message value as a note under the card.
/// </summary>
public sealed record PlaygroundInvokeResponse(string? Type, JsonElement Value)
{
    /// <summary>The card that replaces the clicked one; null when the response carries none.</summary>
    public PlaygroundCard? Card => Type == PlaygroundCard.ContentType && Value.ValueKind == JsonValueKind.Object ? new PlaygroundCard(Value) : null;

    public static PlaygroundInvokeResponse Parse(string json)
    {
        var body = JsonSerializer.Deserialize<JsonElement>(json);
        var type = body.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new PlaygroundInvokeResponse(type, body.TryGetProperty("value", out var value) ? value : default);
    }

    public override string ToString() => $"{Type}: {(Value.ValueKind == JsonValueKind.Undefined ? "(no value)" : Value.GetRawText())}";
}
