using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace AdoptionBot.AppPackage;

/// <summary>The outcome of one packaging run: the zip written, or every problem that kept it from being written.</summary>
public sealed record PackageResult(string OutputPath, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Writes the Teams app package: manifest.json filled from <see cref="TeamsAppOptions"/> plus the two icons it names,
/// all at the zip's root; without a tab app registration, the manifest's tabs and webApplicationInfo are left out.
/// Refuses, and writes nothing, on a bad setting or a placeholder left unfilled.
/// </summary>
public sealed class AppPackageBuilder(string templateFolder)
{
    public const string ManifestFileName = "manifest.json";

    // A fixed entry time makes the same settings give the same bytes, so two packages compare equal.
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // Every part of the manifest that needs the tab app registration: a package without one leaves them all out.
    private static readonly string[] TabParts = ["staticTabs", "configurableTabs", "webApplicationInfo"];

    /// <summary>The template the command ships with: manifest/manifest.json and its icons, copied beside the command.</summary>
    public static string DefaultTemplateFolder => Path.Combine(AppContext.BaseDirectory, "Template");

    public string TemplateFolder { get; } = templateFolder;

    /// <summary>
    /// Writes the package to <paramref name="outputPath"/>. On any problem no zip is written and a file already at
    /// <paramref name="outputPath"/> is deleted, so an old package is never taken for this run's result.
    /// </summary>
    public PackageResult Build(TeamsAppOptions options, string outputPath, IEnumerable<string>? earlierProblems = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(earlierProblems ?? []);
        var notes = new List<string>();
        problems.AddRange(options.Validate());

        var (manifest, manifestText, icons) = problems.Count == 0 ? Prepare(options, problems) : (null, "", []);
        if (problems.Count > 0 || manifest is null)
        {
            if (File.Exists(outputPath))
            {
                File.Delete(outputPath);
                notes.Add($"Deleted the old {outputPath} so that it is not taken for a package of these settings.");
            }

            return new PackageResult(outputPath, problems, notes);
        }

        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            notes.Add($"TeamsApp:AppId is not set: the Teams app id is the bot's app id {options.BotAppId}.");
        }

        if (!options.HasTabs)
        {
            notes.Add("TeamsApp:TabAppId is not set: the package has the bot only, without the Portfolio, My ideas and channel tabs, which need an Entra app registration of their own (see \"Teams tabs\" in infra/bicep/README.md).");
        }

        WriteZip(outputPath, manifestText, icons);
        var tabs = options.HasTabs ? $"tabs signing in with {options.TabAppId}" : "no tabs";
        notes.Add($"Wrote {outputPath}: {ManifestFileName}, {string.Join(", ", icons.Select(Path.GetFileName))} for {manifest["name"]?["short"]} {options.Version} (Teams app {options.EffectiveAppId}, bot {options.BotAppId}, {options.BotDomain}, {tabs}).");
        return new PackageResult(outputPath, problems, notes);
    }

    private (JsonObject? Manifest, string Text, IReadOnlyList<string> Icons) Prepare(TeamsAppOptions options, List<string> problems)
    {
        var templatePath = Path.Combine(TemplateFolder, ManifestFileName);
        string template;
        try
        {
            template = File.ReadAllText(templatePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"Cannot read the manifest template {templatePath}: {ex.Message}");
            return (null, "", []);
        }

        var (manifest, text, fillProblems) = ManifestTemplate.Fill(template, options.PlaceholderValues(), options.HasTabs ? [] : TabParts);
        problems.AddRange(fillProblems);
        if (manifest is null)
        {
            return (null, "", []);
        }

        var icons = new List<string>();
        foreach (var kind in new[] { "color", "outline" })
        {
            var name = manifest["icons"]?[kind] is JsonValue value && value.TryGetValue<string>(out var n) ? n : null;
            if (name is null || name.Length == 0 || Path.GetFileName(name) != name)
            {
                problems.Add($"manifest.json: icons.{kind} must name an icon file beside manifest.json, such as {kind}.png.");
                continue;
            }

            var path = Path.Combine(TemplateFolder, name);
            if (!File.Exists(path))
            {
                problems.Add($"manifest.json: icons.{kind} names {name}, which is not in {TemplateFolder}.");
                continue;
            }

            icons.Add(path);
        }

        return problems.Count == 0 ? (manifest, text, icons) : (null, "", []);
    }

    private static void WriteZip(string outputPath, string manifestText, IReadOnlyList<string> icons)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(folder);
        // Written beside the target and moved over it at the end, so a half-written zip never carries its name.
        var partial = Path.Combine(folder, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var zip = ZipFile.Open(partial, ZipArchiveMode.Create))
            {
                AddEntry(zip, ManifestFileName, Utf8NoBom.GetBytes(manifestText));
                foreach (var icon in icons)
                {
                    AddEntry(zip, Path.GetFileName(icon), File.ReadAllBytes(icon));
                }
            }

            File.Move(partial, outputPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime; // before opening: a written entry's time can no longer change
        using var stream = entry.Open();
        stream.Write(content);
    }
}
