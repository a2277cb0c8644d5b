using System.Diagnostics;
using System.Text.Json.Nodes;
using AdoptionBot.AppPackage;

namespace AdoptionBot.Tests.TeamsApp;

/// <summary>The packaging command as a deployer runs it: deployment outputs, environment variables, command line.</summary>
public sealed class AppPackageCommandTests : IDisposable
{
    private const string OutputsBotAppId = "11111111-2222-4333-8444-555555555555";
    private const string OutputsBotDomain = "from-outputs.azurewebsites.net";

    private readonly TestPackage _package = new();

    [Fact]
    public void Command_DeploymentOutputs_FillTheBotAppIdAndDomainWhateverTheCaseOfTheirNames()
    {
        var outputs = WriteOutputs("BOTAPPID", "botdomain");

        var (exitCode, _, error) = Run(["--outputs", outputs, "--out", _package.ZipPath, .. OtherSettings()]);

        Assert.True(exitCode == AppPackageCommand.Success, error);
        var manifest = TestPackage.ManifestIn(_package.ZipPath);
        Assert.Equal(OutputsBotAppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(OutputsBotDomain, (string?)manifest["validDomains"]![0]);
    }

    [Fact]
    public void Command_DeploymentOutputs_FillTheTabAppIdAndResource()
    {
        var resource = $"api://{OutputsBotDomain}/{TestPackage.TabAppId}";
        var outputs = WriteOutputs(new()
        {
            ["botAppId"] = OutputsBotAppId,
            ["botDomain"] = OutputsBotDomain,
            ["tabAppId"] = TestPackage.TabAppId,
            ["tabResource"] = resource,
        });

        var (exitCode, output, error) = Run(["--outputs", outputs, "--out", _package.ZipPath, .. OtherSettings()]);

        Assert.True(exitCode == AppPackageCommand.Success, error);
        var manifest = TestPackage.ManifestIn(_package.ZipPath);
        Assert.Equal(TestPackage.TabAppId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal(resource, (string?)manifest["webApplicationInfo"]!["resource"]);
        Assert.Equal(3, manifest["staticTabs"]!.AsArray().Count);
        Assert.DoesNotContain("TabAppId is not set", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_DeploymentWithoutTabApp_BuildsTheBotAloneAndSaysSoInOneLine()
    {
        // The deployment gives empty tab outputs when it has no tab app registration.
        var outputs = WriteOutputs(new()
        {
            ["botAppId"] = OutputsBotAppId,
            ["botDomain"] = OutputsBotDomain,
            ["tabAppId"] = "",
            ["tabResource"] = "",
        });

        var (exitCode, output, error) = Run(["--outputs", outputs, "--out", _package.ZipPath, .. OtherSettings()]);

        Assert.True(exitCode == AppPackageCommand.Success, error);
        var manifest = TestPackage.ManifestIn(_package.ZipPath);
        Assert.False(manifest.ContainsKey("staticTabs"));
        Assert.False(manifest.ContainsKey("configurableTabs"));
        Assert.False(manifest.ContainsKey("webApplicationInfo"));
        var line = Assert.Single(output.Split('\n'), l => l.Contains("TabAppId", StringComparison.Ordinal));
        Assert.StartsWith("TeamsApp:TabAppId is not set", line, StringComparison.Ordinal);
        Assert.Contains("infra/bicep/README.md", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_BadTabOutputs_AreRefusedNamingTheSetting()
    {
        var outputs = WriteOutputs(new()
        {
            ["botAppId"] = OutputsBotAppId,
            ["botDomain"] = OutputsBotDomain,
            ["tabAppId"] = TestPackage.TabAppId,
            ["tabResource"] = $"api://somewhere-else.example.com/{TestPackage.TabAppId}",
        });

        var (exitCode, _, error) = Run(["--outputs", outputs, "--out", _package.ZipPath, .. OtherSettings()]);

        Assert.Equal(AppPackageCommand.Refused, exitCode);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith("error: TeamsApp:TabResource must", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Command_CommandLineAndOutputs_CommandLineWins()
    {
        var outputs = WriteOutputs("botAppId", "botDomain");

        var (exitCode, _, error) = Run([$"--outputs={outputs}", $"--out={_package.ZipPath}", "--TeamsApp:BotDomain=from-command-line.example.com", .. OtherSettings()]);

        Assert.True(exitCode == AppPackageCommand.Success, error);
        Assert.Equal("from-command-line.example.com", (string?)TestPackage.ManifestIn(_package.ZipPath)["validDomains"]![0]);
    }

    [Fact]
    public async Task Command_EnvironmentVariables_WinOverOutputsAndLoseToTheCommandLine()
    {
        var outputs = WriteOutputs("botAppId", "botDomain");
        var environment = new Dictionary<string, string>
        {
            ["TeamsApp__BotDomain"] = "from-environment.example.com",
            ["TeamsApp__Version"] = "2.0.0",
        };

        var fromEnvironment = await RunProcessAsync(["--outputs", outputs, "--out", _package.ZipPath, .. OtherSettings(version: null)], environment);
        var environmentManifest = TestPackage.ManifestIn(_package.ZipPath);
        var fromCommandLine = await RunProcessAsync(["--outputs", outputs, "--out", _package.ZipPath, "--TeamsApp:Version=3.0.0", .. OtherSettings(version: null)], environment);
        var commandLineManifest = TestPackage.ManifestIn(_package.ZipPath);

        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Output);
        Assert.Equal("from-environment.example.com", (string?)environmentManifest["validDomains"]![0]);
        Assert.Equal("2.0.0", (string?)environmentManifest["version"]);
        Assert.True(fromCommandLine.ExitCode == 0, fromCommandLine.Output);
        Assert.Equal("3.0.0", (string?)commandLineManifest["version"]);
    }

    [Fact]
    public async Task Command_BadSettings_ExitNonZeroWithOneLinePerProblemAndNoZip()
    {
        var result = await RunProcessAsync(["--out", _package.ZipPath, "--TeamsApp:BotAppId=not-a-guid", "--TeamsApp:BotDomain=https://bot.example.com/", .. OtherSettings()]);

        Assert.Equal(AppPackageCommand.Refused, result.ExitCode);
        var errors = result.Output.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("TeamsApp:BotAppId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("TeamsApp:BotDomain", StringComparison.Ordinal));
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Command_UnreadableOutputsFile_IsRefused()
    {
        var outputs = Path.Combine(_package.Folder, "outputs.json");
        File.WriteAllText(outputs, "{ \"botAppId\": { \"type\": \"String\" } }");

        var (exitCode, _, error) = Run(["--outputs", outputs, "--out", _package.ZipPath, $"--TeamsApp:BotAppId={OutputsBotAppId}", $"--TeamsApp:BotDomain={OutputsBotDomain}", .. OtherSettings()]);

        Assert.Equal(AppPackageCommand.Refused, exitCode);
        Assert.Contains("output 'botAppId' has no string \"value\"", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Command_MissingOutputsFile_IsRefusedByItsPath()
    {
        var missing = Path.Combine(_package.Folder, "no-such-outputs.json");

        var (exitCode, _, error) = Run(["--outputs", missing, "--out", _package.ZipPath, .. OtherSettings()]);

        Assert.Equal(AppPackageCommand.Refused, exitCode);
        Assert.Contains($"--outputs {missing}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_OutOptionWithoutAPath_IsAUsageError()
    {
        var (exitCode, _, error) = Run(["--out"]);

        Assert.Equal(AppPackageCommand.UsageError, exitCode);
        Assert.Contains("--out needs a file path", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_RepositoryTemplate_ShipsTheTemplateAndIconsUnchanged()
    {
        foreach (var file in new[] { "manifest.json", "color.png", "outline.png" })
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(TestPackage.ManifestFolder, file)),
                File.ReadAllBytes(Path.Combine(AppPackageBuilder.DefaultTemplateFolder, file)));
        }
    }

    public void Dispose() => _package.Dispose();

    private static IEnumerable<string> OtherSettings(string? version = "1.0.0")
    {
        var options = TestPackage.ValidOptions();
        if (version is not null)
        {
            yield return $"--TeamsApp:Version={version}";
        }

        yield return $"--TeamsApp:DeveloperName={options.DeveloperName}";
        yield return $"--TeamsApp:WebsiteUrl={options.WebsiteUrl}";
        yield return $"--TeamsApp:PrivacyUrl={options.PrivacyUrl}";
        yield return $"--TeamsApp:TermsUrl={options.TermsUrl}";
    }

    private static (int ExitCode, string Output, string Error) Run(IReadOnlyList<string> args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = AppPackageCommand.Run(args, output, error, TestPackage.ManifestFolder);
        return (exitCode, output.ToString(), error.ToString());
    }

    // The built command in a process of its own, so that environment variables can be set for it alone.
    private static async Task<(int ExitCode, string Output)> RunProcessAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AdoptionBot.AppPackage.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("TeamsApp", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private string WriteOutputs(Dictionary<string, string> values)
    {
        var outputs = new JsonObject();
        foreach (var (name, value) in values)
        {
            outputs[name] = new JsonObject { ["type"] = "String", ["value"] = value };
        }

        var path = Path.Combine(_package.Folder, "deployment-outputs.json");
        File.WriteAllText(path, outputs.ToJsonString());
        return path;
    }

    private string WriteOutputs(string botAppIdName, string botDomainName)
    {
        var path = Path.Combine(_package.Folder, "deployment-outputs.json");
        File.WriteAllText(path, $$"""
            {
              "{{botAppIdName}}": { "type": "String", "value": "{{OutputsBotAppId}}" },
              "{{botDomainName}}": { "type": "String", "value": "{{OutputsBotDomain}}" },
              "storageAccountName": { "type": "String", "value": "adoptionbotdata" }
            }
            """);
        return path;
    }
}
