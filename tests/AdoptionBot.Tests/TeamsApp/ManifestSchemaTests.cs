using System.Text.Json.Nodes;

namespace AdoptionBot.Tests.TeamsApp;

/// <summary>The schema check itself reports what is wrong, and the manifest keeps to Teams' limits the schema leaves out.</summary>
public sealed class ManifestSchemaTests : IDisposable
{
    private readonly TestPackage _package = new();

    [Fact]
    public async Task Schema_ValueOfTheWrongType_IsAnError()
    {
        var manifest = PackagedManifest();
        manifest["bots"]![0]!["supportsFiles"] = "no";

        var report = await ManifestSchemaValidator.ValidateTextAsync(manifest.ToJsonString());

        Assert.Equal(1, report.ExitCode);
        var error = Assert.Single(report.Errors);
        Assert.Contains("/bots/0/supportsFiles must be boolean", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_UnknownProperty_IsAnError()
    {
        var manifest = PackagedManifest();
        manifest["developer"]!["email"] = "genai@contoso.example";

        var report = await ManifestSchemaValidator.ValidateTextAsync(manifest.ToJsonString());

        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.Errors, e => e.Contains("/developer must NOT have additional properties", StringComparison.Ordinal) && e.Contains("email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schema_MissingRequiredProperty_IsAnError()
    {
        var manifest = PackagedManifest();
        manifest.Remove("accentColor");

        var report = await ManifestSchemaValidator.ValidateTextAsync(manifest.ToJsonString());

        Assert.Contains(report.Errors, e => e.Contains("accentColor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schema_NotBundled_IsReportedInsteadOfFetched()
    {
        var manifest = PackagedManifest();
        manifest["$schema"] = "https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json";
        manifest["manifestVersion"] = "1.18";

        var report = await ManifestSchemaValidator.ValidateTextAsync(manifest.ToJsonString());

        Assert.Equal(2, report.ExitCode);
        Assert.Contains(report.Errors, e => e.Contains("v1.18 is not bundled", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_Scopes_PersonalTeamAndGroupChatWithOneCommandListEach()
    {
        var bot = PackagedManifest()["bots"]!.AsArray().Single()!;

        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        var listScopes = bot["commandLists"]!.AsArray().Select(l => Assert.Single(l!["scopes"]!.AsArray())!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], listScopes);
    }

    [Fact]
    public void Manifest_CommandLists_KeepToTheLimitsOfTeams()
    {
        // The schema allows more; Teams shows at most 10 commands a list, titles of 32 and descriptions of 128 characters.
        foreach (var list in PackagedManifest()["bots"]![0]!["commandLists"]!.AsArray())
        {
            var commands = list!["commands"]!.AsArray();
            Assert.InRange(commands.Count, 1, 10);
            foreach (var command in commands)
            {
                var title = (string)command!["title"]!;
                var description = (string?)command["description"] ?? "";
                Assert.InRange(title.Length, 1, 32);
                Assert.True(description.Length is > 0 and <= 128, $"'{title}': the description has {description.Length} characters; Teams shows 1 to 128.");
            }

            Assert.Equal(commands.Count, commands.Select(c => (string)c!["title"]!).Distinct().Count());
        }
    }

    [Fact]
    public void Manifest_StaticTabs_EachHaveAnEntityIdOfTheirOwn()
    {
        // The schema checks each tab alone; Teams also needs every entityId to be unique in the app.
        var entityIds = PackagedManifest()["staticTabs"]!.AsArray().Select(t => (string)t!["entityId"]!).ToList();

        Assert.NotEmpty(entityIds);
        Assert.Equal(entityIds.Count, entityIds.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Manifest_Descriptions_SayWhatTheBotDoesForAnEmployee()
    {
        var description = PackagedManifest()["description"]!;

        var full = (string)description["full"]!;
        Assert.InRange(((string)description["short"]!).Length, 1, 80);
        Assert.Contains("GenAI guidelines", full, StringComparison.Ordinal);
        Assert.Contains("new idea", full, StringComparison.Ordinal);
        Assert.Contains("my ideas", full, StringComparison.Ordinal);
    }

    public void Dispose() => _package.Dispose();

    private JsonObject PackagedManifest()
    {
        var result = _package.Build(TestPackage.ValidOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return TestPackage.ManifestIn(_package.ZipPath);
    }
}
