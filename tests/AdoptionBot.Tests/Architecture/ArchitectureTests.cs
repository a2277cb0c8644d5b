using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Architecture;

/// <summary>The modules of bot/ depend on each other only as docs/architecture.md allows, and never in a cycle.</summary>
public sealed class ArchitectureTests
{
    private static readonly ArchitectureRules Documented = ArchitectureRules.Parse(File.ReadAllText(TestPaths.InRepository("docs", "architecture.md")));

    [Fact]
    public void BotModules_DependOnlyAsDocumented_AndFormNoCycle()
    {
        var dependencies = ModuleGraph.OfBot();

        var violations = Documented.Violations(dependencies);

        Assert.True(violations.Count == 0, "Against docs/architecture.md:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EveryFolderOfTheBot_IsAModuleOfTheTable()
    {
        var folders = Directory.GetDirectories(TestPaths.InRepository("bot"))
            .Where(d => Path.GetFileName(d) is not ("bin" or "obj") && Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Any())
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(folders, Documented.Modules.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rules_ADependencyTheTableDoesNotAllow_IsReported()
    {
        var rules = ArchitectureRules.Parse(Table(("Core", "—"), ("Storage", "Core"), ("Ideas", "Core, Storage")));

        var violations = rules.Violations([new("Storage", "Ideas", "Storage.StoreContext uses Ideas.Idea")]);

        Assert.Contains("Storage may not use Ideas: Storage.StoreContext uses Ideas.Idea", violations);
    }

    [Fact]
    public void Rules_ACycle_IsReportedEvenWhenTheTableAllowsBothDirections()
    {
        var rules = ArchitectureRules.Parse(Table(("Core", "—"), ("Hosting", ArchitectureRules.Everything), ("Ideas", "Core, Questions"), ("Questions", "Core, Ideas")));

        var violations = rules.Violations([new("Ideas", "Questions", "a"), new("Questions", "Ideas", "b"), new("Hosting", "Ideas", "c"), new("Ideas", "Core", "d")]);

        Assert.Equal(["cycle among: Ideas, Questions"], violations);
    }

    [Fact]
    public void Rules_AModuleMissingFromTheTable_IsReported()
    {
        var rules = ArchitectureRules.Parse(Table(("Core", "—")));

        var violations = rules.Violations([new("Experts", "Core", "Experts.Ticket uses Core.UserIdentity")]);

        Assert.Contains("Experts is not in the module table of docs/architecture.md", violations);
    }

    [Fact]
    public void ModuleOf_MapsNamespacesToTopLevelFolders()
    {
        Assert.Equal("Knowledge", ModuleGraph.ModuleOf("AdoptionBot.Knowledge.Retrieval"));
        Assert.Equal("Ideas", ModuleGraph.ModuleOf("AdoptionBot.Ideas"));
        Assert.Equal(ModuleGraph.CompositionRoot, ModuleGraph.ModuleOf(""));
        Assert.Null(ModuleGraph.ModuleOf("Microsoft.Bot.Builder"));
    }

    private static string Table(params (string Module, string MayUse)[] rows) =>
        "| Module | Layer | May use |\n| --- | --- | --- |\n" + string.Concat(rows.Select(r => $"| `{r.Module}` | x | {r.MayUse} |\n"));
}
