using System.Diagnostics;
using System.Reflection;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Infrastructure;

/// <summary>The result of one Bicep CLI call: its exit code, stdout, and every line it wrote to stderr (its diagnostics).</summary>
internal sealed record BicepResult(int ExitCode, string Output, IReadOnlyList<string> Diagnostics)
{
    /// <summary>The diagnostics, one a line, for an assertion message.</summary>
    public string Report => Diagnostics.Count == 0 ? $"exit code {ExitCode}, no diagnostics" : $"exit code {ExitCode}:\n{string.Join('\n', Diagnostics)}";
}

/// <summary>
/// Runs the Bicep CLI that restore downloads (the Azure.Bicep.CommandLine.linux-x64 package, see the test project).
/// Build, build-params and lint work offline: the templates use no registry modules.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> LazyPath = new(FindExecutable);

    public static string ExecutablePath => LazyPath.Value;

    /// <summary>infra/bicep of this repository.</summary>
    public static string TemplateFolder => TestPaths.InRepository("infra", "bicep");

    public static Task<BicepResult> BuildAsync(string file) => RunAsync(["build", file, "--stdout"]);

    public static Task<BicepResult> LintAsync(string file) => RunAsync(["lint", file]);

    public static Task<BicepResult> BuildParamsAsync(string file, IReadOnlyDictionary<string, string> environment) =>
        RunAsync(["build-params", file, "--stdout"], environment);

    /// <summary>
    /// Evaluates <paramref name="parametersFile"/> and its template offline as Azure would deploy them into the given
    /// scope (bicep snapshot: expressions, fail() and conditions resolved; reference() to resources left as written);
    /// the result is written beside the parameters file as NAME.snapshot.json.
    /// </summary>
    public static Task<BicepResult> SnapshotAsync(string parametersFile, string tenantId, string subscriptionId, string resourceGroup, string location) =>
        RunAsync(["snapshot", parametersFile, "--tenant-id", tenantId, "--subscription-id", subscriptionId, "--resource-group", resourceGroup, "--location", location]);

    public static async Task<BicepResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', startInfo.ArgumentList)} did not finish within {Timeout}.");
        }

        var diagnostics = (await stderr)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new BicepResult(process.ExitCode, await stdout, diagnostics);
    }

    private static string FindExecutable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepCliPath")?.Value
            ?? throw new InvalidOperationException("The test assembly has no BicepCliPath metadata (see AdoptionBot.Tests.csproj).");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at {path}. It comes with restore (PackageDownload of Azure.Bicep.CommandLine.linux-x64); run dotnet restore.", path);
        }

        // NuGet extracts files without their execute bit on some systems.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
