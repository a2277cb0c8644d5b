using System.Text;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.TestSupport;

/// <summary>A folder under the system temp directory that is deleted with everything in it when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "adoptionbot-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public string Write(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = File(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, bytes);
        return full;
    }

    public string CopyTestData(string testDataPath, string relativePath) =>
        WriteBytes(relativePath, System.IO.File.ReadAllBytes(TestPaths.Knowledge(testDataPath)));

    public void Delete(string relativePath) => System.IO.File.Delete(File(relativePath));

    public void Dispose()
    {
        // Pooled SQLite connections keep index files open; release them before deleting.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
