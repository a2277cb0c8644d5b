using System.Text.Json.Nodes;
using AdoptionBot.AppPackage;

namespace AdoptionBot.Tests.TeamsApp;

/// <summary>The tabs in the package: there with a tab app registration, on the bot's domain; left out without one.</summary>
public sealed class AppPackageTabsTests : IDisposable
{
    private const string DefaultResource = $"api://{TestPackage.BotDomain}/{TestPackage.TabAppId}";

    private readonly TestPackage _package = new();

    [Fact]
    public void Build_WithTabAppId_PersonalTabsFollowTheBotsChatAndOpenPagesOnTheBotDomain()
    {
        var manifest = Packaged(TestPackage.ValidOptions());

        var tabs = manifest["staticTabs"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Equal(["conversations", "portfolio", "myideas"], tabs.Select(t => (string?)t["entityId"]));
        Assert.All(tabs, t => Assert.Equal(["personal"], t["scopes"]!.AsArray().Select(s => (string?)s)));
        Assert.False(tabs[0].ContainsKey("contentUrl"), "The conversations tab is the bot's chat, with no page of its own.");

        Assert.Equal("Portfolio", (string?)tabs[1]["name"]);
        Assert.Equal($"https://{TestPackage.BotDomain}/tabs/portfolio?theme={{theme}}", (string?)tabs[1]["contentUrl"]);
        Assert.Equal($"https://{TestPackage.BotDomain}/tabs/portfolio", (string?)tabs[1]["websiteUrl"]);
        Assert.Equal("My ideas", (string?)tabs[2]["name"]);
        Assert.Equal($"https://{TestPackage.BotDomain}/tabs/my-ideas?theme={{theme}}", (string?)tabs[2]["contentUrl"]);
        Assert.Equal($"https://{TestPackage.BotDomain}/tabs/my-ideas", (string?)tabs[2]["websiteUrl"]);
    }

    [Fact]
    public void Build_WithTabAppId_HasOneChannelTabThatTheTeamConfiguresAndMayChangeLater()
    {
        var manifest = Packaged(TestPackage.ValidOptions());

        var tab = Assert.Single(manifest["configurableTabs"]!.AsArray())!;
        Assert.Equal($"https://{TestPackage.BotDomain}/tabs/configure?theme={{theme}}", (string?)tab["configurationUrl"]);
        Assert.True((bool)tab["canUpdateConfiguration"]!);
        Assert.Equal(["team"], tab["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["channelTab"], tab["context"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Build_WithTabAppId_WebApplicationInfoIsTheTabAppAndItsResourceOnTheBotDomain()
    {
        var result = _package.Build(TestPackage.ValidOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var info = TestPackage.ManifestIn(_package.ZipPath)["webApplicationInfo"]!;
        Assert.Equal(TestPackage.TabAppId, (string?)info["id"]);
        Assert.Equal(DefaultResource, (string?)info["resource"]);
        Assert.DoesNotContain(result.Notes, n => n.Contains("TabAppId is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WithTabAppId_EveryTabPageIsOnAValidDomain()
    {
        // Teams opens a tab's pages only on the manifest's valid domains.
        var manifest = Packaged(TestPackage.ValidOptions());
        var validDomains = manifest["validDomains"]!.AsArray().Select(d => (string)d!).ToList();

        var urls = manifest["staticTabs"]!.AsArray().SelectMany(t => new[] { t!["contentUrl"], t["websiteUrl"] })
            .Concat(manifest["configurableTabs"]!.AsArray().Select(t => t!["configurationUrl"]))
            .Where(u => u is not null)
            .Select(u => new Uri((string)u!))
            .ToList();

        Assert.Equal(5, urls.Count);
        Assert.All(urls, u => Assert.Equal(Uri.UriSchemeHttps, u.Scheme));
        Assert.All(urls, u => Assert.Contains(u.Host, validDomains));
    }

    [Fact]
    public void Build_TabResourceGiven_GoesIntoWebApplicationInfoAsGiven()
    {
        var options = TestPackage.ValidOptions();
        options.TabResource = $"api://{TestPackage.BotDomain}/adoptionbot/{TestPackage.TabAppId}";

        var manifest = Packaged(options);

        Assert.Equal(options.TabResource, (string?)manifest["webApplicationInfo"]!["resource"]);
    }

    [Fact]
    public void Build_WithoutTabAppId_HasNoTabsAndNoWebApplicationInfo()
    {
        var options = TestPackage.ValidOptions();
        options.TabAppId = null;

        var manifest = Packaged(options);

        Assert.False(manifest.ContainsKey("staticTabs"));
        Assert.False(manifest.ContainsKey("configurableTabs"));
        Assert.False(manifest.ContainsKey("webApplicationInfo"));
        Assert.DoesNotContain("/tabs/", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(TestPackage.BotAppId, (string?)manifest["bots"]![0]!["botId"]);
    }

    [Fact]
    public void Build_WithoutTabAppId_SaysSoInOneLinePointingToTheAppRegistrationSteps()
    {
        var options = TestPackage.ValidOptions();
        options.TabAppId = "";

        var result = _package.Build(options);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var note = Assert.Single(result.Notes, n => n.Contains("TabAppId", StringComparison.Ordinal));
        Assert.StartsWith("TeamsApp:TabAppId is not set", note, StringComparison.Ordinal);
        Assert.Contains("infra/bicep/README.md", note, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WithoutTabAppId_ManifestStillPassesTheBundledTeamsSchema()
    {
        var options = TestPackage.ValidOptions();
        options.TabAppId = null;
        var manifest = Path.Combine(_package.Folder, "manifest.json");
        await File.WriteAllTextAsync(manifest, Packaged(options).ToJsonString());

        var report = await ManifestSchemaValidator.ValidateFileAsync(manifest);

        Assert.True(report.ExitCode == 0 && report.Errors.Count == 0, $"The packaged manifest does not pass the schema: {report}");
    }

    [Theory]
    [InlineData(nameof(TeamsAppOptions.TabAppId), "tab-app")]
    [InlineData(nameof(TeamsAppOptions.TabAppId), $"{{{TestPackage.TabAppId}}}")]
    [InlineData(nameof(TeamsAppOptions.TabAppId), TestPackage.BotAppId)]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"https://{TestPackage.BotDomain}/{TestPackage.TabAppId}")]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"api://{TestPackage.BotDomain}")]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"api://{TestPackage.BotDomain}/")]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"api://{TestPackage.BotDomain}:443/{TestPackage.TabAppId}")]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"api://{TestPackage.BotDomain}/{TestPackage.TabAppId}?v=2")]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"api://{TestPackage.TabAppId}")]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"api://other.azurewebsites.net/{TestPackage.TabAppId}")]
    [InlineData(nameof(TeamsAppOptions.TabResource), $"api://{TestPackage.BotDomain}/{TestPackage.BotAppId}")]
    public void Build_BadTabSetting_IsRefusedByNameAndNoZipIsWritten(string setting, string value)
    {
        var options = TestPackage.ValidOptions();
        typeof(TeamsAppOptions).GetProperty(setting)!.SetValue(options, value);

        var result = _package.Build(options);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"TeamsApp:{setting} must", problem, StringComparison.Ordinal);
        Assert.Contains(value, problem, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Build_TabResourceWithoutTabAppId_IsRefusedNamingBoth()
    {
        var options = TestPackage.ValidOptions();
        options.TabAppId = null;
        options.TabResource = DefaultResource;

        var result = _package.Build(options);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("TeamsApp:TabResource is set", problem, StringComparison.Ordinal);
        Assert.Contains("TeamsApp:TabAppId is not", problem, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.ZipPath));
    }

    [Fact]
    public void Build_BadTabResourceBesideOtherBadSettings_EveryProblemIsReportedAtOnce()
    {
        var options = TestPackage.ValidOptions();
        options.Version = "2";
        options.TermsUrl = "http://contoso.example/terms";
        options.TabResource = $"api://elsewhere.example.com/{TestPackage.TabAppId}";

        var result = _package.Build(options);

        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.StartsWith("TeamsApp:Version must", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("TeamsApp:TermsUrl must", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("TeamsApp:TabResource must name the bot's domain", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_BadBotDomain_IsNotReportedAgainAsATabResourceProblem()
    {
        var options = TestPackage.ValidOptions();
        options.BotDomain = "https://adoptionbot-test.azurewebsites.net";
        options.TabResource = DefaultResource;

        var result = _package.Build(options);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("TeamsApp:BotDomain must", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BadTabAppId_IsReportedOnceAndTheDefaultResourceIsNotBlamedForIt()
    {
        var options = TestPackage.ValidOptions();
        options.TabAppId = "not-a-guid";

        var result = _package.Build(options);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("TeamsApp:TabAppId must be a GUID", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _package.Dispose();

    private JsonObject Packaged(TeamsAppOptions options)
    {
        var result = _package.Build(options);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return TestPackage.ManifestIn(_package.ZipPath);
    }
}
