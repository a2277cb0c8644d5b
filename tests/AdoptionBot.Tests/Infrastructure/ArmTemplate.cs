using System.Text.Json;
using System.Text.RegularExpressions;

namespace AdoptionBot.Tests.Infrastructure;

/// <summary>A resource of the compiled ARM template, with the (nested) template that declares it.</summary>
internal sealed record ArmResource(JsonElement Resource, JsonElement Template)
{
    public string Type => Resource.GetProperty("type").GetString()!;

    public JsonElement Properties => Resource.GetProperty("properties");

    public string? Scope => Resource.TryGetProperty("scope", out var scope) ? scope.GetString() : null;
}

/// <summary>Reads what <c>bicep build</c> compiled: resources of the main template and of every module, flattened.</summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonElement root)
    {
        Root = root;
        Resources = Collect(root).ToList();
    }

    public JsonElement Root { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public static ArmTemplate Parse(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>
    /// The template variables an expression such as <c>[union(variables('a'), variables('b'))]</c> is made of, in order;
    /// a variable that is itself an expression is returned as that string.
    /// </summary>
    public static IEnumerable<(string Name, JsonElement Value)> VariablesOf(string expression, JsonElement template)
    {
        var variables = template.GetProperty("variables");
        foreach (Match match in VariableReference().Matches(expression))
        {
            var name = match.Groups[1].Value;
            yield return (name, variables.GetProperty(name));
        }
    }

    private static IEnumerable<ArmResource> Collect(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            // An existing resource is only referenced (the vault the PostgreSQL module writes a secret to).
            if (resource.TryGetProperty("existing", out var existing) && existing.GetBoolean())
            {
                continue;
            }

            yield return new ArmResource(resource, template);
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                && resource.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                foreach (var inner in Collect(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}
