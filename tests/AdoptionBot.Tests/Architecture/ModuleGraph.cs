using System.Reflection;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace AdoptionBot.Tests.Architecture;

/// <summary>One module using another: <see cref="Example"/> names a type of <see cref="From"/> and the type of <see cref="To"/> it uses.</summary>
public sealed record ModuleDependency(string From, string To, string Example);

/// <summary>
/// Which top-level folder of bot/ (a module: its namespace AdoptionBot.X) uses which, read from the compiled assembly:
/// base types, fields, signatures, attributes and method bodies, so a fully qualified name counts as much as a using.
/// </summary>
public static class ModuleGraph
{
    /// <summary>Types outside any folder (Program.cs, in the global namespace) belong to the composition root.</summary>
    public const string CompositionRoot = "Hosting";

    private const string RootNamespace = "AdoptionBot";

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Bot = new(() => new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build());

    /// <summary>Every module-to-module dependency of the bot assembly, one example each, sorted.</summary>
    public static IReadOnlyList<ModuleDependency> OfBot() => Of(Bot.Value.Types);

    /// <summary>The module of a namespace, or null for one outside the bot (the SDKs, generated helpers).</summary>
    public static string? ModuleOf(string? @namespace)
    {
        if (string.IsNullOrEmpty(@namespace))
        {
            return CompositionRoot;
        }

        if (!@namespace.StartsWith(RootNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = @namespace[(RootNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The bot's types that use <paramref name="target"/>, each with its module.</summary>
    public static IReadOnlyList<(string? Module, string Type)> UsersOf(System.Type target) =>
        [.. Bot.Value.Types
            .Where(t => t.FullName != target.FullName && t.Dependencies.Any(d => d.Target.FullName == target.FullName))
            .Select(t => (ModuleOf(t.Namespace?.FullName), Readable(t)))
            .OrderBy(t => t.Item2, StringComparer.Ordinal)];

    private static IReadOnlyList<ModuleDependency> Of(IEnumerable<IType> types)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in types)
        {
            if (IsGeneratedOutsideTheBot(type) || ModuleOf(type.Namespace?.FullName) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                if (ModuleOf(dependency.Target.Namespace?.FullName) is { } to && to != from && !IsGeneratedOutsideTheBot(dependency.Target))
                {
                    edges.TryAdd((from, to), $"{Readable(type)} uses {Readable(dependency.Target)}");
                }
            }
        }

        return [.. edges.Select(e => new ModuleDependency(e.Key.Item1, e.Key.Item2, e.Value)).OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)];
    }

    // The compiler's own helpers (<PrivateImplementationDetails>, embedded attributes) sit in the global namespace too.
    private static bool IsGeneratedOutsideTheBot(IType type) =>
        string.IsNullOrEmpty(type.Namespace?.FullName) && (type.Name.StartsWith('<') || type.FullName.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));

    private static string Readable(IType type) => type.FullName.StartsWith(RootNamespace + ".", StringComparison.Ordinal) ? type.FullName[(RootNamespace.Length + 1)..] : type.FullName;
}
