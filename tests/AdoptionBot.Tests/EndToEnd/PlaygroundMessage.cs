using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// One message as the playground streams it to its web UI: the "message" of a createMessage or updateMessage frame.
/// The playground does not forward the bot's raw activity: it keeps text, textFormat, attachments, mentions, and puts
/// the schema.org Message entity (AI label and citations) in <c>aiEntity</c>, after checking it against its schema.
/// Cards come as attachments; a text with attachments arrives as one message per part.
/// </summary>
public sealed partial class PlaygroundMessage
{
    private PlaygroundMessage(string action, JsonElement frame, JsonElement message)
    {
        Action = action;
        Frame = frame;
        Message = message;
    }

    /// <summary>createMessage or updateMessage.</summary>
    public string Action { get; }

    /// <summary>The whole WebSocket frame: action, actionConversationId, message.</summary>
    public JsonElement Frame { get; }

    public JsonElement Message { get; }

    /// <summary>The conversation the message was posted in (the frame's actionConversationId).</summary>
    public string? ConversationId => StringProperty(Frame, "actionConversationId");

    public string? MessageId => StringProperty(Message, "messageId");

    public string? FromId => Message.TryGetProperty("from", out var from) ? StringProperty(from, "id") : null;

    public string Text => StringProperty(Message, "text") ?? "";

    /// <summary>The Adaptive Cards among the message's attachments, in order.</summary>
    public IReadOnlyList<PlaygroundCard> AdaptiveCards =>
        Message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
            ? attachments.EnumerateArray()
                .Where(a => StringProperty(a, "contentType") == PlaygroundCard.ContentType && a.TryGetProperty("content", out _))
                .Select(a => new PlaygroundCard(a.GetProperty("content")))
                .ToList()
            : [];

    /// <summary>The schema.org Message entity the bot sent, as the playground kept it; null when there was none.</summary>
    public JsonElement? AiEntity =>
        Message.TryGetProperty("aiEntity", out var entity) && entity.ValueKind == JsonValueKind.Object ? entity : null;

    /// <summary>The positions of the citations in <see cref="AiEntity"/>, in the order sent.</summary>
    public IReadOnlyList<int> CitationPositions =>
        AiEntity is { } entity && entity.TryGetProperty("citation", out var citations) && citations.ValueKind == JsonValueKind.Array
            ? citations.EnumerateArray().Select(c => c.GetProperty("position").GetInt32()).ToList()
            : [];

    /// <summary>True when the entity carries the "AI generated" label (additionalType AIGeneratedContent).</summary>
    public bool IsLabelledAiGenerated =>
        AiEntity is { } entity && entity.TryGetProperty("additionalType", out var types) && types.ValueKind == JsonValueKind.Array &&
        types.EnumerateArray().Any(t => t.GetString() == "AIGeneratedContent");

    /// <summary>The distinct numbers of the in-text citation markers such as [1], in order of first appearance.</summary>
    public IReadOnlyList<int> TextMarkers =>
        CitationMarker().Matches(Text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();

    /// <summary>Reads a stream frame; null for frames that carry no message (typing).</summary>
    public static PlaygroundMessage? FromFrame(JsonElement frame)
    {
        var action = frame.TryGetProperty("action", out var a) ? a.GetString() : null;
        return action is "createMessage" or "updateMessage" && frame.TryGetProperty("message", out var message)
            ? new PlaygroundMessage(action, frame, message)
            : null;
    }

    public override string ToString() => Frame.GetRawText();

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [GeneratedRegex(@"\[(\d{1,2})\]")]
    private static partial Regex CitationMarker();
}
