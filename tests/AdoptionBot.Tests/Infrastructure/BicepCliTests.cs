namespace AdoptionBot.Tests.Infrastructure;

/// <summary>
/// The checks above can fail: small templates with the mistakes they guard against, built and linted the same way,
/// with the repository's bicepconfig.json beside them.
/// </summary>
public sealed class BicepCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bicep-tests-").FullName;

    public BicepCliTests() =>
        File.Copy(Path.Combine(BicepCli.TemplateFolder, "bicepconfig.json"), Path.Combine(_folder, "bicepconfig.json"));

    [Fact]
    public async Task Build_UnknownProperty_IsReportedAlthoughTheExitCodeIsZero()
    {
        var file = Write("unknown-property.bicep", """
            param location string = resourceGroup().location

            resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
              name: 'kv-example'
              location: location
              properties: {
                tenantId: tenant().tenantId
                sku: {
                  family: 'A'
                  name: 'standard'
                }
                enablePurgeProtectionPlease: true
              }
            }
            """);

        var result = await BicepCli.BuildAsync(file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": Warning BCP037:", Assert.Single(result.Diagnostics), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WrongPropertyType_IsReported()
    {
        var file = Write("wrong-type.bicep", """
            param location string = resourceGroup().location

            resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
              name: 'asp-example'
              location: location
              properties: {
                reserved: 'yes'
              }
            }
            """);

        var result = await BicepCli.BuildAsync(file);

        Assert.Contains(result.Diagnostics, d => d.Contains("BCP036", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lint_UnusedParameter_IsAnErrorWithTheRepositoryConfig()
    {
        var file = Write("unused-param.bicep", """
            param unused string
            output answer int = 42
            """);

        var result = await BicepCli.LintAsync(file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Diagnostics, d => d.Contains("Error no-unused-params", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lint_SecretInAnOutput_IsAnErrorWithTheRepositoryConfig()
    {
        var file = Write("secret-output.bicep", """
            @secure()
            param adminPassword string
            output connection string = 'Password=${adminPassword}'
            """);

        var result = await BicepCli.LintAsync(file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Diagnostics, d => d.Contains("Error outputs-should-not-contain-secrets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lint_HardcodedCloudUrl_IsAnErrorWithTheRepositoryConfig()
    {
        var file = Write("cloud-url.bicep", """
            output login string = 'https://login.microsoftonline.com/'
            """);

        var result = await BicepCli.LintAsync(file);

        Assert.Contains(result.Diagnostics, d => d.Contains("Error no-hardcoded-env-urls", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content + "\n");
        return path;
    }
}
