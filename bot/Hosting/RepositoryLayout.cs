namespace AdoptionBot.Hosting;

/// <summary>Finds the default folders (knowledge/, data/) by walking up from the content root and the app's own folder.</summary>
internal static class RepositoryLayout
{
    public static string? FindUp(string start, string folderName)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folderName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The folder the repository (or the published app) lives in: the one holding AdoptionBot.sln or knowledge/.</summary>
    public static string Root(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdoptionBot.sln")))
            {
                return dir.FullName;
            }
        }

        return contentRoot;
    }
}
