using System.Text.Json.Nodes;
using AdoptionBot.AppPackage;

namespace AdoptionBot.Tests.TeamsApp;

public sealed class AppPackageBuilderTests : IDisposable
{
    private readonly TestPackage _package = new();

    [Fact]
    public void Build_ValidSettings_GivesAZipWithExactlyTheManifestAndTwoIconsAtItsRoot()
    {
        var result = _package.Build(TestPackage.ValidOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var entries = TestPackage.ReadZip(_package.ZipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPackage.ManifestFolder, "color.png")), entries["color.png"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPackage.ManifestFolder, "outline.png")), entries["outline.png"]);
    }

    [Fact]
    public void Build_ValidSettings_ManifestCarriesTheSettingsAndNoPlaceholder()
    {
        var options = TestPackage.ValidOptions();

        _package.Build(options);

        var text = System.Text.Encoding.UTF8.GetString(TestPackage.ReadZip(_package.ZipPath)["manifest.json"]);
        Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(TestPackage.AppId, (string?)manifest["id"]);
        Assert.Equal("1.4.2", (string?)manifest["version"]);
        Assert.Equal(TestPackage.BotAppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal([TestPackage.BotDomain], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal(options.DeveloperName, (string?)manifest["developer"]!["name"]);
        Assert.Equal(options.WebsiteUrl, (string?)manifest["developer"]!["websiteUrl"]);
        Assert.Equal(options.PrivacyUrl, (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Equal(options.TermsUrl, (string?)manifest["developer"]!["termsOfUseUrl"]);
    }

    [Fact]
    public async Task Build_ValidSettingsWithTabs_ManifestPassesTheNewestBundledTeamsSchema()
    {
        _package.Build(TestPackage.ValidOptions());
        var manifest = Path.Combine(_package.Folder, "manifest.json");
        await File.WriteAllBytesAsync(manifest, TestPackage.ReadZip(_package.ZipPath)["manifest.json"]);
        var packaged = TestPackage.ManifestIn(_package.ZipPath);
        Assert.All(["staticTabs", "configurableTabs", "webApplicationInfo"], part => Assert.True(packaged.ContainsKey(part), $"The package checked has no {part}."));

        var report = await ManifestSchemaValidator.ValidateFileAsync(manifest);

        Assert.True(report.ExitCode == 0 && report.Errors.Count == 0, $"The packaged manifest does not pass the schema: {report}");
        Assert.Equal("v1.30/MicrosoftTeams.schema.json", report.Schema);
    }

    [Fact]
    public void Build_NoAppId_TeamsAppIdIsTheBotAppId()
    {
        var options = TestPackage.ValidOptions();
        options.AppId = null;

        var result = _package.Build(options);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(TestPackage.BotAppId, (string?)TestPackage.ManifestIn(_package.ZipPath)["id"]);
        Assert.Contains(result.Notes, n => n.Contains("TeamsApp:AppId is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ValuesWithQuotesAndAmpersands_StayValidJsonAndComeOutAsGiven()
    {
        var options = TestPackage.ValidOptions();
        options.DeveloperName = "Contoso \"R&D\" \\ AI";
        options.PrivacyUrl = "https://contoso.example/privacy?lang=en&v=2";

        _package.Build(options);

        var manifest = TestPackage.ManifestIn(_package.ZipPath);
        Assert.Equal(options.DeveloperName, (string?)manifest["developer"]!["name"]);
        Assert.Equal(options.PrivacyUrl, (string?)manifest["developer"]!["privacyUrl"]);
    }

    [Fact]
    public void Build_SameSettings_GiveTheSameBytes()
    {
        _package.Build(TestPackage.ValidOptions());
        var first = File.ReadAllBytes(_package.ZipPath);

        _package.Build(TestPackage.ValidOptions());

        Assert.Equal(first, File.ReadAllBytes(_package.ZipPath));
    }

    [Theory]
    [InlineData(nameof(TeamsAppOptions.BotAppId))]
    [InlineData(nameof(TeamsAppOptions.Version))]
    [InlineData(nameof(TeamsAppOptions.BotDomain))]
    [InlineData(nameof(TeamsAppOptions.DeveloperName))]
    [InlineData(nameof(TeamsAppOptions.WebsiteUrl))]
    [InlineData(nameof(TeamsAppOptions.PrivacyUrl))]
    [InlineData(nameof(TeamsAppOptions.TermsUrl))]
    public void Build_MissingSetting_IsRefusedByNameAndNoZipIsWritten(string setting)
    {
        var options = TestPackage.ValidOptions();
        typeof(TeamsAppOptions).GetProperty(setting)!.SetValue(options, "");

        var result = _package.Build(options);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"TeamsApp:{setting} is not set", problem, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Theory]
    [InlineData(nameof(TeamsAppOptions.BotAppId), "not-a-guid")]
    [InlineData(nameof(TeamsAppOptions.BotAppId), "{6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b}")]
    [InlineData(nameof(TeamsAppOptions.AppId), "12345")]
    [InlineData(nameof(TeamsAppOptions.Version), "1.0")]
    [InlineData(nameof(TeamsAppOptions.Version), "v1.0.0")]
    [InlineData(nameof(TeamsAppOptions.Version), "1.0.0-beta")]
    [InlineData(nameof(TeamsAppOptions.BotDomain), "https://adoptionbot-test.azurewebsites.net")]
    [InlineData(nameof(TeamsAppOptions.BotDomain), "adoptionbot-test.azurewebsites.net/api/messages")]
    [InlineData(nameof(TeamsAppOptions.BotDomain), "adoptionbot-test.azurewebsites.net:443")]
    [InlineData(nameof(TeamsAppOptions.BotDomain), "localhost")]
    [InlineData(nameof(TeamsAppOptions.WebsiteUrl), "http://contoso.example")]
    [InlineData(nameof(TeamsAppOptions.PrivacyUrl), "contoso.example/privacy")]
    [InlineData(nameof(TeamsAppOptions.TermsUrl), "ftp://contoso.example/terms")]
    [InlineData(nameof(TeamsAppOptions.DeveloperName), "A developer name longer than thirty-two characters")]
    public void Build_MalformedSetting_IsRefusedByNameAndNoZipIsWritten(string setting, string value)
    {
        var options = TestPackage.ValidOptions();
        typeof(TeamsAppOptions).GetProperty(setting)!.SetValue(options, value);

        var result = _package.Build(options);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"TeamsApp:{setting} must", problem, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Build_UnfilledPlaceholder_IsRefusedByNameAndNoZipIsWritten()
    {
        var template = CopyOfTemplate(m => m["name"]!["full"] = "AdoptionBot ${{UNKNOWN}}");

        var result = _package.Build(TestPackage.ValidOptions(), template);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("${{UNKNOWN}}", problem, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Build_PlaceholderNeverClosed_IsRefused()
    {
        var template = CopyOfTemplate(m => m["name"]!["full"] = "AdoptionBot ${{Version");

        var result = _package.Build(TestPackage.ValidOptions(), template);

        Assert.Contains(result.Problems, p => p.Contains("not closed", StringComparison.Ordinal));
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Build_RefusedRun_DeletesAnOldPackageAtTheOutputPath()
    {
        Assert.True(_package.Build(TestPackage.ValidOptions()).Succeeded);
        var options = TestPackage.ValidOptions();
        options.BotAppId = "";

        var result = _package.Build(options);

        Assert.False(result.Succeeded);
        Assert.False(File.Exists(_package.ZipPath));
        Assert.Contains(result.Notes, n => n.Contains("Deleted the old", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SeveralProblems_AreReportedAtOnce()
    {
        var options = new TeamsAppOptions { BotAppId = "nope", BotDomain = "https://x.example/" };

        var result = _package.Build(options);

        Assert.Equal(7, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.StartsWith("TeamsApp:BotAppId must be a GUID", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("TeamsApp:BotDomain must be a host name only", StringComparison.Ordinal));
    }

    public void Dispose() => _package.Dispose();

    private string CopyOfTemplate(Action<JsonObject> change)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_package.Folder, "template")).FullName;
        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            File.Copy(Path.Combine(TestPackage.ManifestFolder, icon), Path.Combine(folder, icon));
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPackage.ManifestFolder, "manifest.json")))!.AsObject();
        change(manifest);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest.ToJsonString());
        return folder;
    }
}
