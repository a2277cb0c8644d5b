using System.Text.RegularExpressions;

namespace AdoptionBot.Tests.Architecture;

/// <summary>
/// The allowed directions, as docs/architecture.md writes them in its module table ("| Module | Layer | May use |"), and
/// what breaks them: a dependency the table does not allow, and any cycle between modules.
/// </summary>
public sealed partial class ArchitectureRules
{
    /// <summary>"May use" of the composition root: every module.</summary>
    public const string Everything = "everything";

    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>?> _mayUse;

    public ArchitectureRules(IReadOnlyDictionary<string, IReadOnlySet<string>?> mayUse) => _mayUse = mayUse;

    public IReadOnlyCollection<string> Modules => [.. _mayUse.Keys];

    /// <summary>Reads the module table of an architecture document; a row's "may use" is "—", "everything" or a comma list.</summary>
    public static ArchitectureRules Parse(string markdown)
    {
        var mayUse = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        var inTable = false;
        foreach (var line in markdown.Split('\n').Select(l => l.Trim()))
        {
            if (TableHeader().IsMatch(line))
            {
                inTable = true;
                continue;
            }

            if (!inTable || line.StartsWith("| ---", StringComparison.Ordinal))
            {
                continue;
            }

            if (!line.StartsWith('|'))
            {
                break;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            var uses = cells[2];
            mayUse[cells[0]] = uses == Everything
                ? null
                : uses is "—" or "-" or "" ? new HashSet<string>(StringComparer.Ordinal) : uses.Split(',').Select(u => u.Trim().Trim('`')).ToHashSet(StringComparer.Ordinal);
        }

        return mayUse.Count == 0 ? throw new FormatException("No module table (| Module | Layer | May use |) found.") : new ArchitectureRules(mayUse);
    }

    /// <summary>Dependencies the table does not allow, and modules the table does not know, as readable lines.</summary>
    public IReadOnlyList<string> Violations(IReadOnlyList<ModuleDependency> dependencies)
    {
        var problems = new List<string>();
        foreach (var module in dependencies.SelectMany(d => new[] { d.From, d.To }).Distinct().Where(m => !_mayUse.ContainsKey(m)))
        {
            problems.Add($"{module} is not in the module table of docs/architecture.md");
        }

        foreach (var dependency in dependencies)
        {
            if (_mayUse.TryGetValue(dependency.From, out var allowed) && allowed is not null && !allowed.Contains(dependency.To))
            {
                problems.Add($"{dependency.From} may not use {dependency.To}: {dependency.Example}");
            }
        }

        foreach (var cycle in Cycles(dependencies))
        {
            problems.Add("cycle among: " + string.Join(", ", cycle));
        }

        return problems;
    }

    /// <summary>The strongly connected groups of more than one module (Tarjan), each in a stable order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyList<ModuleDependency> dependencies)
    {
        var next = dependencies.GroupBy(d => d.From).ToDictionary(g => g.Key, g => g.Select(d => d.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string module)
        {
            index[module] = low[module] = index.Count;
            stack.Push(module);
            foreach (var to in next.GetValueOrDefault(module) ?? [])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[module] = Math.Min(low[module], low[to]);
                }
                else if (stack.Contains(to))
                {
                    low[module] = Math.Min(low[module], index[to]);
                }
            }

            if (low[module] == index[module])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != module);
                if (group.Count > 1)
                {
                    cycles.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var module in next.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(module))
            {
                Visit(module);
            }
        }

        return cycles;
    }

    [GeneratedRegex(@"^\|\s*Module\s*\|\s*Layer\s*\|\s*May use\s*\|$")]
    private static partial Regex TableHeader();
}
