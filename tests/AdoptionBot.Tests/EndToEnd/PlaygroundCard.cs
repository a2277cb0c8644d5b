using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// An Adaptive Card as the playground's web UI renders it: the content of a message attachment, or the card of an
/// adaptiveCard/action invoke response, which the UI puts in place of the card that was clicked.
/// </summary>
public sealed class PlaygroundCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public PlaygroundCard(JsonElement content) => Content = content;

    public JsonElement Content { get; }

    /// <summary>The body's elements, depth first, with the items of containers.</summary>
    public IReadOnlyList<JsonElement> Elements => [.. Descendants(Content, "body")];

    /// <summary>What a reader sees as text: every TextBlock, and every fact as "title: value".</summary>
    public IReadOnlyList<string> Texts => Elements
        .SelectMany(e => Type(e) switch
        {
            "TextBlock" => [StringProperty(e, "text") ?? ""],
            "FactSet" => Items(e, "facts").Select(f => $"{StringProperty(f, "title")}: {StringProperty(f, "value")}"),
            _ => [],
        })
        .ToList();

    public string AllText => string.Join('\n', Texts);

    /// <summary>TextBlocks in the attention colour: the card's error and warning texts.</summary>
    public IReadOnlyList<string> AttentionTexts => Elements
        .Where(e => Type(e) == "TextBlock" && string.Equals(StringProperty(e, "color"), "attention", StringComparison.OrdinalIgnoreCase))
        .Select(e => StringProperty(e, "text") ?? "")
        .ToList();

    public IReadOnlyList<JsonElement> Inputs => Elements.Where(e => Type(e)?.StartsWith("Input.", StringComparison.Ordinal) == true).ToList();

    /// <summary>The card's actions and those of its ActionSets.</summary>
    public IReadOnlyList<JsonElement> Actions =>
        [.. Items(Content, "actions"), .. Elements.Where(e => Type(e) == "ActionSet").SelectMany(e => Items(e, "actions"))];

    public string? FactValue(string title) => Elements
        .Where(e => Type(e) == "FactSet")
        .SelectMany(e => Items(e, "facts"))
        .Where(f => StringProperty(f, "title") == title)
        .Select(f => StringProperty(f, "value"))
        .FirstOrDefault();

    public JsonElement? Input(string id) => Inputs.Where(i => StringProperty(i, "id") == id).Select(i => (JsonElement?)i).FirstOrDefault();

    /// <summary>The value an input shows when the card is rendered; null when it has none.</summary>
    public string? InputValue(string id) => Input(id) is { } input ? StringProperty(input, "value") : null;

    /// <summary>The values of a ChoiceSet's choices, in order.</summary>
    public IReadOnlyList<string> ChoiceValues(string id) =>
        Input(id) is { } input ? Items(input, "choices").Select(c => StringProperty(c, "value") ?? "").ToList() : [];

    public JsonElement? ExecuteAction(string verb) => Actions
        .Where(a => Type(a) == "Action.Execute" && StringProperty(a, "verb") == verb)
        .Select(a => (JsonElement?)a)
        .FirstOrDefault();

    /// <summary>
    /// The data the renderer sends when the action is clicked: the action's own data, then every input that has a
    /// value, keyed by its id. Inputs the user left alone keep the value the card gave them; empty ones are left out,
    /// as the Adaptive Cards renderer leaves out inputs that are not set.
    /// </summary>
    public JsonObject ActionData(JsonElement action, IReadOnlyDictionary<string, string> typed)
    {
        var data = action.TryGetProperty("data", out var own) && own.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(own.GetRawText())!.AsObject()
            : [];
        foreach (var input in Inputs)
        {
            var id = StringProperty(input, "id");
            if (id is null)
            {
                continue;
            }

            var value = typed.TryGetValue(id, out var entered) ? entered : StringProperty(input, "value");
            if (!string.IsNullOrEmpty(value))
            {
                data[id] = value;
            }
        }

        return data;
    }

    public override string ToString() => Content.GetRawText();

    private static IEnumerable<JsonElement> Descendants(JsonElement parent, string property)
    {
        foreach (var element in Items(parent, property))
        {
            yield return element;
            foreach (var child in Descendants(element, "items"))
            {
                yield return child;
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
            : [];

    private static string? Type(JsonElement element) => StringProperty(element, "type");

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
