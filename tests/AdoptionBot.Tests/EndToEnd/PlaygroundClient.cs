using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
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

    private PlaygroundClient(HttpClient http, ClientWebSocket socket, string conversationId, string userId, string botId)
    {
        _http = http;
        _socket = socket;
        ConversationId = conversationId;
        UserId = userId;
        BotId = botId;
        _receiveLoop = ReceiveLoopAsync();
    }

    /// <summary>The playground's personal chat between its current user and the bot.</summary>
    public string ConversationId { get; }

    public string UserId { get; }

    public string BotId { get; }

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
            return new PlaygroundClient(
                http,
                socket,
                config.GetProperty("personalChat").GetProperty("id").GetString()!,
                config.GetProperty("currentUser").GetProperty("id").GetString()!,
                config.GetProperty("bot").GetProperty("id").GetString()!);
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
    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            new Uri($"_debug/conversation/{Uri.EscapeDataString(ConversationId)}/installation", UriKind.Relative),
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
