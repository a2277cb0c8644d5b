namespace AdoptionBot.Storage;

/// <summary>Where the bot finds its default folders (data/, knowledge/): one walk up the folder tree.</summary>
public static class AppFolders
{
    public const string SolutionFile = "AdoptionBot.sln";

    /// <summary>The folder the repository (or the published app) lives in: the nearest one at or above the content root holding AdoptionBot.sln, else the content root.</summary>
    public static string Root(string contentRoot) => Above(contentRoot, dir => File.Exists(Path.Combine(dir, SolutionFile))) ?? contentRoot;

    /// <summary>The nearest folder named <paramref name="name"/> at or above the content root, else at or above the app's own folder.</summary>
    public static string? Find(string name, string contentRoot) =>
        Above(contentRoot, dir => Directory.Exists(Path.Combine(dir, name))) is { } under ? Path.Combine(under, name)
        : Above(AppContext.BaseDirectory, dir => Directory.Exists(Path.Combine(dir, name))) is { } fromApp ? Path.Combine(fromApp, name)
        : null;

    private static string? Above(string start, Func<string, bool> holds)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (holds(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
