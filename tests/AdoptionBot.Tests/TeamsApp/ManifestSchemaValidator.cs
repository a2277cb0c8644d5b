using System.Diagnostics;
using System.Text.Json;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.TeamsApp;

/// <summary>What tests/e2e/validate-manifest.mjs says about one manifest file.</summary>
internal sealed record SchemaReport(int ExitCode, string? Schema, IReadOnlyList<string> Errors, string Output)
{
    public override string ToString() => $"exit {ExitCode}, schema {Schema ?? "(none)"}: {string.Join(" | ", Errors)}";
}

/// <summary>
/// Validates a Teams manifest with the official schema bundled in @microsoft/app-manifest 1.1.2, through
/// tests/e2e/validate-manifest.mjs (AppManifestUtils.validateAgainstSchema, offline).
/// </summary>
internal static class ManifestSchemaValidator
{
    private const string ScriptName = "validate-manifest.mjs";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<SchemaReport> ValidateFileAsync(string manifestPath)
    {
        var packageFolder = TestPaths.EndToEndPackage;
        await NodePackages.EnsureInstalledAsync(packageFolder, CancellationToken.None);

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = packageFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ScriptName);
        startInfo.ArgumentList.Add(Path.GetFullPath(manifestPath));

        using var node = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start node {ScriptName}.");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"{ScriptName} did not finish within {Timeout}.");
        }

        var output = (await stdout).Trim();
        var errorOutput = await stderr;
        if (output.Length == 0)
        {
            throw new InvalidOperationException($"{ScriptName} exited with {node.ExitCode} and printed nothing. Its error output:\n{errorOutput}");
        }

        using var report = JsonDocument.Parse(output);
        var schema = report.RootElement.TryGetProperty("schema", out var s) ? s.GetString() : null;
        var errors = report.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        return new SchemaReport(node.ExitCode, schema, errors, output + errorOutput);
    }

    public static async Task<SchemaReport> ValidateTextAsync(string manifestJson)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("adoptionbot-manifest-").FullName, "manifest.json");
        await File.WriteAllTextAsync(file, manifestJson);
        try
        {
            return await ValidateFileAsync(file);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
