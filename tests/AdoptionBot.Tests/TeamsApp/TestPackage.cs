using System.IO.Compression;
using System.Text.Json.Nodes;
using AdoptionBot.AppPackage;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.TeamsApp;

/// <summary>A temporary folder to package into, with settings a deployment would give, built from the repository's manifest/.</summary>
internal sealed class TestPackage : IDisposable
{
    public const string BotAppId = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    public const string AppId = "0b5d7c3e-1f2a-4b6c-9d8e-7a6b5c4d3e2f";
    public const string BotDomain = "adoptionbot-test.azurewebsites.net";
    public const string TabAppId = "3c9e1d7a-5b2f-4e8c-a1d6-0f4b7e2c9a58";

    public TestPackage()
    {
        Folder = Directory.CreateTempSubdirectory("adoptionbot-package-").FullName;
    }

    /// <summary>manifest/ in the repository: the template and icons as committed.</summary>
    public static string ManifestFolder => TestPaths.InRepository("manifest");

    public string Folder { get; }

    public string ZipPath => Path.Combine(Folder, "appPackage.zip");

    public static TeamsAppOptions ValidOptions() => new()
    {
        AppId = AppId,
        BotAppId = BotAppId,
        Version = "1.4.2",
        BotDomain = BotDomain,
        DeveloperName = "Contoso GenAI Office",
        WebsiteUrl = "https://contoso.example/genai",
        PrivacyUrl = "https://contoso.example/genai/privacy",
        TermsUrl = "https://contoso.example/genai/terms",
        TabAppId = TabAppId,
    };

    public PackageResult Build(TeamsAppOptions options, string? templateFolder = null) =>
        new AppPackageBuilder(templateFolder ?? ManifestFolder).Build(options, ZipPath);

    public static IReadOnlyDictionary<string, byte[]> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    public static JsonObject ManifestIn(string zipPath) =>
        JsonNode.Parse(ReadZip(zipPath)[AppPackageBuilder.ManifestFileName])!.AsObject();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans its temp folder
        }
    }
}
