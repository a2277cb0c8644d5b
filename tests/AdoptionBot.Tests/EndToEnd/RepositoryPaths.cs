namespace AdoptionBot.Tests.EndToEnd;

/// <summary>Folders of the repository, found by walking up from the test assembly to AdoptionBot.sln.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>tests/e2e: the npm package with the playground and the browser driver.</summary>
    public static string EndToEndPackage => Path.Combine(Root, "tests", "e2e");

    public static string Knowledge => Path.Combine(Root, "knowledge");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdoptionBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AdoptionBot.sln found above {AppContext.BaseDirectory}.");
    }
}
