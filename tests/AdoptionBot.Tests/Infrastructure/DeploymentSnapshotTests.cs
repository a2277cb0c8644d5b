using System.Text.Json;

namespace AdoptionBot.Tests.Infrastructure;

/// <summary>
/// main.bicep evaluated offline with a parameters file of the test's own (bicep snapshot), into a stand-in tenant and
/// subscription: what the web app's settings would be, and what the deployment refuses before creating anything.
/// </summary>
public sealed class DeploymentSnapshotTests : IDisposable
{
    private const string TenantId = "4d2c8e7a-1b3f-4a5e-9c6d-7e8f9a0b1c2d";
    private const string SubscriptionId = "00000000-0000-4000-8000-0000000000aa";
    private const string TabAppClientId = "3c9e1d7a-5b2f-4e8c-a1d6-0f4b7e2c9a58";

    private readonly string _folder = Directory.CreateTempSubdirectory("bicep-snapshot-").FullName;

    [Fact]
    public async Task Snapshot_Defaults_AllowOnlyTheTenantDeployedTo()
    {
        var settings = await AppSettingsAsync();

        Assert.Equal(TenantId, settings["Bot__AllowedTenants__0"]);
        Assert.DoesNotContain("Bot__AllowedTenants__1", settings.Keys);
    }

    [Fact]
    public async Task Snapshot_AllowedTenantsGiven_BecomeOneSettingEach()
    {
        var settings = await AppSettingsAsync("param allowedTenants = ['11111111-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000002']");

        Assert.Equal("11111111-0000-4000-8000-000000000001", settings["Bot__AllowedTenants__0"]);
        Assert.Equal("22222222-0000-4000-8000-000000000002", settings["Bot__AllowedTenants__1"]);
    }

    [Fact]
    public async Task Snapshot_KnowledgeSourceBaseUrl_BecomesTheBotsSetting()
    {
        var settings = await AppSettingsAsync("param knowledgeSourceBaseUrl = 'https://intranet.nordhafen.example/genai/'");

        Assert.Equal("https://intranet.nordhafen.example/genai/", settings["Knowledge__SourceBaseUrl"]);
    }

    [Fact]
    public async Task Snapshot_SqliteWithTwoInstances_FailsNamingBothParameters()
    {
        var result = await SnapshotAsync("param appInstanceCount = 2", "param postgresStoreEnabled = false");

        Assert.NotEqual(0, result.ExitCode);
        var report = result.Report;
        Assert.Contains("appInstanceCount is 2", report, StringComparison.Ordinal);
        Assert.Contains("postgresStoreEnabled", report, StringComparison.Ordinal);
        Assert.False(File.Exists(SnapshotFile), "a refused deployment has no snapshot");
    }

    [Fact]
    public async Task Snapshot_PostgreSqlWithTwoInstances_RunsTwoInstancesAndTellsTheBot()
    {
        var (settings, resources) = await EvaluateAsync("param appInstanceCount = 2", "param postgresStoreEnabled = true", $"param askerHashKey = 'test-only-{Guid.NewGuid():N}'");

        Assert.Equal("PostgreSql", settings["Store__Provider"]);
        Assert.Equal("2", settings["Store__ExpectedInstances"]);
        var plan = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/serverfarms");
        Assert.Equal(2, plan.GetProperty("sku").GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Snapshot_PostgreSql_GivesEveryInstanceTheAskerHashKeyFromKeyVault()
    {
        var key = "test-only-asker-hash-key-" + Guid.NewGuid().ToString("N");
        var (settings, resources) = await EvaluateAsync("param postgresStoreEnabled = true", $"param askerHashKey = '{key}'");

        // The secret's URI is known only once it exists, so the snapshot keeps the reference as an expression.
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Questions__AskerHashKey"], StringComparison.Ordinal);
        Assert.Contains("/secrets/asker-hash-key", settings["Questions__AskerHashKey"], StringComparison.Ordinal);
        Assert.DoesNotContain(key, string.Join("\n", settings.Values), StringComparison.Ordinal);
        var secret = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets" && r.GetProperty("name").GetString()!.EndsWith("/asker-hash-key", StringComparison.Ordinal));
        // A secure parameter stays unevaluated in the snapshot: the secret's value is the parameter, nothing else.
        Assert.Contains("parameters('askerHashKey')", secret.GetProperty("properties").GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_PostgreSqlWithoutAnAskerHashKey_FailsNamingTheParameter()
    {
        var result = await SnapshotAsync("param postgresStoreEnabled = true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("postgresStoreEnabled needs askerHashKey", result.Report, StringComparison.Ordinal);
        Assert.False(File.Exists(SnapshotFile), "a refused deployment has no snapshot");
    }

    [Fact]
    public async Task Snapshot_Sqlite_LeavesTheAskerHashKeyToTheBotsDataFolder()
    {
        var (settings, resources) = await EvaluateAsync();

        Assert.DoesNotContain("Questions__AskerHashKey", settings.Keys);
        Assert.DoesNotContain(resources, r => r.GetProperty("name").GetString()!.EndsWith("/asker-hash-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_SqliteWithOneInstance_TellsTheBotOneInstance()
    {
        var settings = await AppSettingsAsync();

        Assert.Equal("Sqlite", settings["Store__Provider"]);
        Assert.Equal("1", settings["Store__ExpectedInstances"]);
    }

    [Fact]
    public async Task Snapshot_Defaults_GiveNoTabSettingsAndEmptyTabOutputs()
    {
        var settings = await AppSettingsAsync();
        var outputs = await ReadOutputsAsync();

        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Tabs__", StringComparison.Ordinal));
        Assert.Equal("", outputs["tabAppId"]);
        Assert.Equal("", outputs["tabResource"]);
    }

    [Fact]
    public async Task Snapshot_TabAppClientIdGiven_TellsTheBotTheTabAppAndItsResourceOnTheBotDomain()
    {
        var settings = await AppSettingsAsync($"param tabAppClientId = '{TabAppClientId}'");
        var outputs = await ReadOutputsAsync();

        Assert.Equal(TabAppClientId, settings["Tabs__ClientId"]);
        // The host name is known only once the web app exists, so the snapshot keeps it as the same expression as botDomain.
        var botDomain = outputs["botDomain"].TrimStart('[').TrimEnd(']');
        Assert.Contains("defaultHostName", botDomain, StringComparison.Ordinal);
        Assert.Equal($"[format('api://{{0}}/{{1}}', {botDomain}, '{TabAppClientId}')]", settings["Tabs__Resource"]);
        Assert.DoesNotContain("Tabs__Instance", settings.Keys);
    }

    [Fact]
    public async Task Snapshot_TabAppClientIdGiven_IsOutputWithTheResourceTheBotChecksTokensFor()
    {
        var settings = await AppSettingsAsync($"param tabAppClientId = '{TabAppClientId}'");
        var outputs = await ReadOutputsAsync();

        Assert.Equal(TabAppClientId, outputs["tabAppId"]);
        Assert.Equal(settings["Tabs__Resource"], outputs["tabResource"]);
    }

    [Theory]
    [InlineData("tab-app")]
    [InlineData("{3c9e1d7a-5b2f-4e8c-a1d6-0f4b7e2c9a58}")]
    [InlineData("3c9e1d7a-5b2f-4e8c-a1d6-0f4b7e2c9g58")]
    [InlineData("api://adoptionbot.azurewebsites.net/3c9e1d7a-5b2f-4e8c-a1d6-0f4b7e2c9a58")]
    public async Task Snapshot_TabAppClientIdNotAGuid_FailsNamingTheParameter(string value)
    {
        var result = await SnapshotAsync($"param tabAppClientId = '{value}'");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("tabAppClientId must be the client id (a GUID)", result.Report, StringComparison.Ordinal);
        Assert.Contains(value, result.Report, StringComparison.Ordinal);
        Assert.False(File.Exists(SnapshotFile), "a refused deployment has no snapshot");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ParametersFile => Path.Combine(_folder, "test.bicepparam");

    private string SnapshotFile => Path.Combine(_folder, "test.snapshot.json");

    private async Task<Dictionary<string, string>> AppSettingsAsync(params string[] parameters) => (await EvaluateAsync(parameters)).Settings;

    private async Task<(Dictionary<string, string> Settings, List<JsonElement> Resources)> EvaluateAsync(params string[] parameters)
    {
        var result = await SnapshotAsync(parameters);
        Assert.True(result.ExitCode == 0, result.Report);
        using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(SnapshotFile));
        var resources = snapshot.RootElement.GetProperty("predictedResources").EnumerateArray().Select(r => r.Clone()).ToList();
        var appSettings = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config" && r.GetProperty("name").GetString()!.EndsWith("/appsettings", StringComparison.Ordinal));
        var settings = appSettings.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
        return (settings, resources);
    }

    /// <summary>The deployment outputs of the snapshot the last evaluation wrote; expressions stay as written.</summary>
    private async Task<Dictionary<string, string>> ReadOutputsAsync()
    {
        using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(SnapshotFile));
        return snapshot.RootElement.GetProperty("outputs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    private async Task<BicepResult> SnapshotAsync(params string[] parameters)
    {
        // A parameters file names its template by a relative path.
        var template = Path.GetRelativePath(_folder, Path.Combine(BicepCli.TemplateFolder, "main.bicep")).Replace('\\', '/');
        var lines = new List<string> { $"using '{template}'", $"param postgresAdministratorPassword = 'test-only-{Guid.NewGuid():N}'" };
        lines.AddRange(parameters);
        await File.WriteAllLinesAsync(ParametersFile, lines);
        return await BicepCli.SnapshotAsync(ParametersFile, TenantId, SubscriptionId, "rg-adoptionbot-test", "westeurope");
    }
}
