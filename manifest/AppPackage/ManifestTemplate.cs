using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AdoptionBot.AppPackage;

/// <summary>manifest.json with <c>${{Name}}</c> placeholders in its string values, filled from the settings.</summary>
public static partial class ManifestTemplate
{
    private const string PlaceholderStart = "${{";

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        // Keeps URLs and names readable in the package: the manifest is JSON for Teams, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The filled manifest, or the problems that keep it from being filled; every problem names what is wrong.
    /// Top-level properties named in <paramref name="leaveOut"/> are removed first, placeholders and all.
    /// </summary>
    public static (JsonObject? Manifest, string Text, IReadOnlyList<string> Problems) Fill(
        string templateText, IReadOnlyDictionary<string, string> values, IReadOnlyCollection<string>? leaveOut = null)
    {
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(templateText, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
                ?? throw new JsonException("the template is null");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, "", [$"manifest.json is not a JSON object: {ex.Message}"]);
        }

        foreach (var name in leaveOut ?? [])
        {
            manifest.Remove(name);
        }

        FillStrings(manifest, values);
        var text = manifest.ToJsonString(Output) + "\n";
        var problems = UnfilledPlaceholders(text, values.Keys);
        return problems.Count == 0 ? (manifest, text, []) : (null, "", problems);
    }

    /// <summary>One problem for each placeholder left in the text, naming it.</summary>
    public static IReadOnlyList<string> UnfilledPlaceholders(string text, IEnumerable<string> known)
    {
        var knownNames = string.Join(", ", known.Select(k => $"{PlaceholderStart}{k}}}}}"));
        var problems = new List<string>();
        var named = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            named++;
            problems.Add($"manifest.json: placeholder {match.Value} is left unfilled: no TeamsApp setting fills it (those that do: {knownNames}).");
        }

        var started = CountOf(text, PlaceholderStart);
        if (started > named)
        {
            problems.Add($"manifest.json: {started - named} placeholder(s) starting with {PlaceholderStart} are not closed with }}}}.");
        }

        return problems;
    }

    private static void FillStrings(JsonNode? node, IReadOnlyDictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Replace(child, values);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Replace(child, values);
                }

                break;
        }
    }

    private static void Replace(JsonNode? node, IReadOnlyDictionary<string, string> values)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (text.Contains(PlaceholderStart, StringComparison.Ordinal))
            {
                var filled = Placeholder().Replace(text, m => values.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Value);
                node.ReplaceWith(JsonValue.Create(filled));
            }

            return;
        }

        FillStrings(node, values);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"\$\{\{\s*(?<name>[^{}]*?)\s*\}\}")]
    private static partial Regex Placeholder();
}
