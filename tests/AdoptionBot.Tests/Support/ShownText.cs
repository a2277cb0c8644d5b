using System.Text.Json.Nodes;

namespace AdoptionBot.Tests.Support;

/// <summary>What Teams shows of an activity, and renders as Markdown: its text and every text, title and fact value of its cards (action data is not shown).</summary>
public static class ShownText
{
    public static IEnumerable<string> Of(JsonNode? node) => node switch
    {
        JsonObject o => o.Where(p => p.Key != "data").SelectMany(p => p.Key is "text" or "title" or "value" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : Of(p.Value)),
        JsonArray a => a.SelectMany(Of),
        _ => [],
    };

    /// <summary>All of it as one string, a line each.</summary>
    public static string Joined(SentActivity activity) => string.Join("\n", Of(activity.Activity));
}
