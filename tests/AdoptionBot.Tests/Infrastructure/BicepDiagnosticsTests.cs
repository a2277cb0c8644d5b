namespace AdoptionBot.Tests.Infrastructure;

/// <summary>
/// The templates build, lint and take their parameters file without a single diagnostic. The Bicep CLI reports wrong
/// property types and unknown properties only as warnings (exit code 0), so any line on stderr fails these tests;
/// infra/bicep/bicepconfig.json raises the important linter rules to errors on top.
/// </summary>
public sealed class BicepDiagnosticsTests
{
    /// <summary>A stand-in for the deployer's environment: the parameters file reads the password from it.</summary>
    internal static readonly IReadOnlyDictionary<string, string> DeployerEnvironment = new Dictionary<string, string>
    {
        ["POSTGRES_ADMIN_PASSWORD"] = $"test-only-{Guid.NewGuid():N}",
    };

    public static TheoryData<string> TemplateFiles()
    {
        var data = new TheoryData<string> { "main.bicep", "main.bicepparam" };
        foreach (var module in Directory.GetFiles(Path.Combine(BicepCli.TemplateFolder, "modules"), "*.bicep").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(BicepCli.TemplateFolder, module));
        }

        return data;
    }

    [Fact]
    public async Task Build_MainTemplate_HasNoDiagnostics()
    {
        var result = await BicepCli.BuildAsync(Path.Combine(BicepCli.TemplateFolder, "main.bicep"));

        Assert.True(result.ExitCode == 0 && result.Diagnostics.Count == 0, result.Report);
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public async Task Lint_TemplateFile_HasNoDiagnostics(string file)
    {
        var result = await BicepCli.RunAsync(["lint", Path.Combine(BicepCli.TemplateFolder, file)], DeployerEnvironment);

        Assert.True(result.ExitCode == 0 && result.Diagnostics.Count == 0, $"{file}: {result.Report}");
    }

    [Fact]
    public async Task BuildParams_ParametersFile_HasNoDiagnostics_AndTakesThePasswordFromTheEnvironment()
    {
        var result = await BicepCli.BuildParamsAsync(Path.Combine(BicepCli.TemplateFolder, "main.bicepparam"), DeployerEnvironment);

        Assert.True(result.ExitCode == 0 && result.Diagnostics.Count == 0, result.Report);
        Assert.Contains(DeployerEnvironment["POSTGRES_ADMIN_PASSWORD"], result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildParams_WithoutThePasswordInTheEnvironment_Fails()
    {
        var result = await BicepCli.BuildParamsAsync(Path.Combine(BicepCli.TemplateFolder, "main.bicepparam"), new Dictionary<string, string>());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Diagnostics, d => d.Contains("POSTGRES_ADMIN_PASSWORD", StringComparison.Ordinal));
    }
}
