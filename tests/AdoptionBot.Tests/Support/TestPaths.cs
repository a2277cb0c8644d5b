namespace AdoptionBot.Tests.Support;

/// <summary>
/// Every path a test or benchmark needs, in one place: the test data copied next to the assembly, and the
/// repository's own folders, found by walking up from the assembly to AdoptionBot.sln.
/// </summary>
public static class TestPaths
{
    private static readonly Lazy<string> LazyRepository = new(FindRepository);

    /// <summary>The repository's root folder (the one holding AdoptionBot.sln).</summary>
    public static string Repository => LazyRepository.Value;

    /// <summary>tests/e2e: the npm package with the playground, the card renderer and the browser driver.</summary>
    public static string EndToEndPackage => InRepository("tests", "e2e");

    /// <summary>knowledge/: the sample knowledge base the bot ships with.</summary>
    public static string SampleKnowledge => InRepository("knowledge");

    public static string InRepository(params string[] parts) => Path.Combine([Repository, .. parts]);

    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    /// <summary>An input file under TestData/Knowledge.</summary>
    public static string Knowledge(string relativePath) => TestData("Knowledge", relativePath);

    public static string ReadKnowledge(string relativePath) => File.ReadAllText(Knowledge(relativePath));

    /// <summary>Copies every file below <paramref name="from"/> to the same place below <paramref name="to"/>.</summary>
    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdoptionBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Run from inside the repository: no AdoptionBot.sln above {AppContext.BaseDirectory}.");
    }
}
