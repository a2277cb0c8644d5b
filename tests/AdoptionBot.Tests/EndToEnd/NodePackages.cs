using System.Security.Cryptography;
using System.Text;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// Installs tests/e2e's npm packages with <c>npm ci</c> when node_modules is missing or was installed from another
/// package.json / package-lock.json. A file lock serialises test runs that start at the same time.
/// </summary>
internal static class NodePackages
{
    private const string StampFileName = ".adoptionbot-install-stamp";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(15);
    private static readonly SemaphoreSlim InProcessGate = new(1, 1);

    public static string PlaygroundCli(string packageFolder) =>
        Path.Combine(packageFolder, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    public static async Task EnsureInstalledAsync(string packageFolder, CancellationToken cancellationToken)
    {
        var expected = ManifestHash(packageFolder);
        if (IsCurrent(packageFolder, expected))
        {
            return;
        }

        await InProcessGate.WaitAsync(cancellationToken);
        try
        {
            using var fileLock = await AcquireFileLockAsync(Path.Combine(packageFolder, ".npm-install.lock"), cancellationToken);
            if (IsCurrent(packageFolder, expected))
            {
                return; // another test run installed it while this one waited
            }

            var npmCommand = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
            using var npm = ChildProcess.Start(npmCommand, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], packageFolder);
            var exitCode = await npm.WaitForExitAsync(InstallTimeout);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {packageFolder} failed with exit code {exitCode}:\n{npm.Output}");
            }

            await File.WriteAllTextAsync(Path.Combine(packageFolder, "node_modules", StampFileName), expected, cancellationToken);
        }
        finally
        {
            InProcessGate.Release();
        }
    }

    private static bool IsCurrent(string packageFolder, string expected)
    {
        var stamp = Path.Combine(packageFolder, "node_modules", StampFileName);
        return File.Exists(stamp) && File.ReadAllText(stamp) == expected && File.Exists(PlaygroundCli(packageFolder));
    }

    private static string ManifestHash(string packageFolder)
    {
        var manifest = File.ReadAllText(Path.Combine(packageFolder, "package.json")) + "\n" +
            File.ReadAllText(Path.Combine(packageFolder, "package-lock.json"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock on Linux and macOS too, so other test processes wait here.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}
