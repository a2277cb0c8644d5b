using Microsoft.Extensions.Configuration;

namespace AdoptionBot.AppPackage;

/// <summary>
/// <c>dotnet run --project manifest/AppPackage -- [--outputs deployment-outputs.json] [--out appPackage.zip] [--TeamsApp:Name=value ...]</c>.
/// Settings come from the deployment outputs file, then environment variables, then the command line; later wins.
/// </summary>
public static class AppPackageCommand
{
    public const string DefaultOutput = "appPackage.zip";

    public const int Success = 0;
    public const int Refused = 1;
    public const int UsageError = 2;

    private const string Usage =
        "Usage: dotnet run --project manifest/AppPackage -- [--outputs deployment-outputs.json] [--out appPackage.zip] [--TeamsApp:Name=value ...]";

    private const string Settings =
        "Settings (section TeamsApp; also as environment variables TeamsApp__Name): AppId (optional, GUID; default BotAppId), "
        + "BotAppId (GUID; output botAppId), Version (1.2.3), BotDomain (host name; output botDomain), DeveloperName, "
        + "WebsiteUrl, PrivacyUrl, TermsUrl (https), TabAppId (optional, GUID of the tab app registration; output tabAppId; "
        + "unset: no tabs), TabResource (optional; default api://BotDomain/TabAppId; output tabResource). See manifest/README.md.";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string templateFolder)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            output.WriteLine(Usage);
            output.WriteLine(Settings);
            return Success;
        }

        var (outputsFile, outPath, settingArgs, usageProblems) = SplitArguments(args);
        if (usageProblems.Count > 0)
        {
            foreach (var problem in usageProblems)
            {
                error.WriteLine($"error: {problem}");
            }

            error.WriteLine(Usage);
            return UsageError;
        }

        var problems = new List<string>();
        var configuration = new ConfigurationBuilder();
        if (outputsFile is not null)
        {
            var (fromOutputs, outputProblems) = DeploymentOutputs.Read(outputsFile);
            configuration.AddInMemoryCollection(fromOutputs);
            problems.AddRange(outputProblems);
        }

        configuration.AddEnvironmentVariables();
        try
        {
            configuration.AddCommandLine([.. settingArgs]);
            var options = configuration.Build().GetSection(TeamsAppOptions.SectionName).Get<TeamsAppOptions>() ?? new TeamsAppOptions();
            var result = new AppPackageBuilder(templateFolder).Build(options, outPath ?? DefaultOutput, problems);
            foreach (var problem in result.Problems)
            {
                error.WriteLine($"error: {problem}");
            }

            foreach (var note in result.Notes)
            {
                (result.Succeeded ? output : error).WriteLine(note);
            }

            return result.Succeeded ? Success : Refused;
        }
        catch (FormatException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine(Usage);
            return UsageError;
        }
    }

    private static (string? OutputsFile, string? OutPath, List<string> SettingArgs, List<string> Problems) SplitArguments(IReadOnlyList<string> args)
    {
        string? outputsFile = null;
        string? outPath = null;
        var settings = new List<string>();
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (name is not ("--outputs" or "--out"))
            {
                settings.Add(arg);
                continue;
            }

            var value = inlineValue ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} needs a file path.");
            }
            else if (name == "--outputs")
            {
                outputsFile = value;
            }
            else
            {
                outPath = value;
            }
        }

        return (outputsFile, outPath, settings, problems);
    }
}
