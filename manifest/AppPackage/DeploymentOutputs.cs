using System.Text.Json;

namespace AdoptionBot.AppPackage;

/// <summary>
/// Reads the outputs of the Azure deployment, as <c>az deployment group show -g RG -n NAME --query properties.outputs</c>
/// writes them (<c>{ "botAppId": { "type": "String", "value": "..." }, ... }</c>), into <c>TeamsApp</c> settings.
/// </summary>
public static class DeploymentOutputs
{
    /// <summary>Deployment output names (any case) and the settings they fill.</summary>
    public static IReadOnlyDictionary<string, string> SettingsByOutput { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["botAppId"] = $"{TeamsAppOptions.SectionName}:{nameof(TeamsAppOptions.BotAppId)}",
        ["botDomain"] = $"{TeamsAppOptions.SectionName}:{nameof(TeamsAppOptions.BotDomain)}",
        ["tabAppId"] = $"{TeamsAppOptions.SectionName}:{nameof(TeamsAppOptions.TabAppId)}",
        ["tabResource"] = $"{TeamsAppOptions.SectionName}:{nameof(TeamsAppOptions.TabResource)}",
    };

    /// <summary>The settings found in the file, or the problems that keep it from being read.</summary>
    public static (IReadOnlyDictionary<string, string?> Settings, IReadOnlyList<string> Problems) Read(string path)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            problems.Add($"--outputs {path}: cannot read the deployment outputs: {ex.Message}");
            return (settings, problems);
        }

        using (document)
        {
            var outputs = document.RootElement;
            // Also accept the whole deployment properties object, which carries the outputs under "outputs".
            if (outputs.ValueKind == JsonValueKind.Object && TryGetProperty(outputs, "outputs", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                outputs = nested;
            }

            if (outputs.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"--outputs {path}: expected a JSON object of deployment outputs such as {{ \"botAppId\": {{ \"type\": \"String\", \"value\": \"...\" }} }}.");
                return (settings, problems);
            }

            foreach (var output in outputs.EnumerateObject())
            {
                if (!SettingsByOutput.TryGetValue(output.Name, out var setting))
                {
                    continue; // outputs for other consumers
                }

                if (output.Value.ValueKind == JsonValueKind.Object
                    && TryGetProperty(output.Value, "value", out var value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    settings[setting] = value.GetString();
                }
                else
                {
                    problems.Add($"--outputs {path}: output '{output.Name}' has no string \"value\".");
                }
            }
        }

        return (settings, problems);
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
