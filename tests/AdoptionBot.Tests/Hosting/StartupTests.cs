using System.Diagnostics;

namespace AdoptionBot.Tests.Hosting;

/// <summary>Starts the built bot as its own process, as `dotnet run --project bot` would, with a bad setting.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_KnowledgeFolderMissing_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, error, _) = await RunBotAsync(("Knowledge__Path", "/nonexistent/knowledge-folder"));

        Assert.Equal(1, exitCode);
        Assert.Contains("AdoptionBot cannot start:", error, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Path", error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/knowledge-folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SingleTenantWithoutTenantId_ExitsNamingTheSetting()
    {
        var (exitCode, error, _) = await RunBotAsync(
            ("MicrosoftAppType", "SingleTenant"),
            ("MicrosoftAppId", "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"),
            ("MicrosoftAppPassword", "x"));

        Assert.Equal(1, exitCode);
        Assert.Contains("MicrosoftAppTenantId", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OwnSigningKeyMetadataWithoutTheOtherChannelSettings_ExitsNamingThem()
    {
        var (exitCode, error, output) = await RunBotAsync(
            ("MicrosoftAppType", "SingleTenant"),
            ("MicrosoftAppId", "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"),
            ("MicrosoftAppPassword", "x"),
            ("MicrosoftAppTenantId", "72f988bf-0000-4000-8000-000000000001"),
            ("ToBotFromChannelOpenIdMetadataUrl", "http://login.example.com/v1/.well-known/openidconfiguration"),
            ("ToBotFromChannelTokenIssuer", "https://api.botframework.com"));

        Assert.Equal(1, exitCode);
        Assert.Contains("also set ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope, OAuthUrl", error, StringComparison.Ordinal);
        Assert.Contains("must be an https URL", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ToBotFromChannelTokenIssuer,", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AzureOpenAIWithoutAChatDeployment_ExitsNamingTheSetting()
    {
        var (exitCode, error, output) = await RunBotAsync(
            ("AI__Provider", "AzureOpenAI"),
            ("AI__Endpoint", "https://nordhafen-genai.openai.azure.com/"));

        Assert.Equal(1, exitCode);
        Assert.Contains("AI:ChatDeployment", error, StringComparison.Ordinal);
        // One line for the operator: no framework wrapping, no stack trace, nothing logged before it.
        Assert.Equal("AdoptionBot cannot start: AI:ChatDeployment is required when AI:Provider is AzureOpenAI. Set AI:ChatDeployment (env AI__ChatDeployment) to the name of the chat model deployment.", error.Trim());
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MisspeltStoreProvider_ExitsWithOneLineNamingTheSettingAndTheChoices()
    {
        var (exitCode, error, output) = await RunBotAsync(("Store__Provider", "Postgres"));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "AdoptionBot cannot start: Failed to convert configuration value 'Postgres' at 'Store:Provider' to type 'AdoptionBot.Storage.StoreProvider'. Allowed: Sqlite, PostgreSql.",
            error.Trim());
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SqliteStoreWithTwoExpectedInstances_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, error, output) = await RunBotAsync(("Store__ExpectedInstances", "2"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("AdoptionBot cannot start: Store:ExpectedInstances is 2 but Store:Provider is Sqlite", error.Trim(), StringComparison.Ordinal);
        Assert.Contains("Store__Provider", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TelemetryOtlpWithoutEndpoint_ExitsNamingTheSetting()
    {
        var (exitCode, error, output) = await RunBotAsync(("Telemetry__Exporter", "Otlp"));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "AdoptionBot cannot start: Telemetry:OtlpEndpoint is required when Telemetry:Exporter is Otlp. Set Telemetry:OtlpEndpoint (env Telemetry__OtlpEndpoint) to the collector's address, e.g. http://otel-collector:4317.",
            error.Trim());
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutAnAskerHashKey_ExitsNamingTheSetting()
    {
        var (exitCode, error, output) = await RunBotAsync(
            ("Store__Provider", "PostgreSql"),
            ("ConnectionStrings__AdoptionBot", "Host=127.0.0.1;Port=1;Database=adoptionbot;Username=bot;Password=not-used"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Questions:AskerHashKey is empty", error, StringComparison.Ordinal);
        Assert.Contains("every instance needs the same secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-used", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithTheFormerQuestionRateLimitSetting_ExitsNamingItsNewName()
    {
        var (exitCode, error, _) = await RunBotAsync(("Questions__MaxPerMinute", "5"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Questions:MaxPerMinute is now RateLimit:MaxPerMinute", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithTheFormerUnknownWordsThreshold_ExitsNamingTheOneThresholdLeft()
    {
        var (exitCode, error, _) = await RunBotAsync(("Questions__MinRelevanceWithUnknownWords", "0.3"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Questions:MinRelevanceWithUnknownWords is no longer read", error, StringComparison.Ordinal);
        Assert.Contains("Questions:MinAnswerConfidence", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AllowedLinkHostThatIsAUrl_ExitsNamingTheSetting()
    {
        var (exitCode, error, _) = await RunBotAsync(("Bot__AllowedLinkHosts__0", "https://intranet.contoso.com/"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Bot:AllowedLinkHosts:0 'https://intranet.contoso.com/' is not a host name", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MisspeltTelemetryExporter_ExitsNamingTheSettingAndTheChoices()
    {
        var (exitCode, error, _) = await RunBotAsync(("Telemetry__Exporter", "Zipkin"));

        Assert.Equal(1, exitCode);
        Assert.Contains("'Telemetry:Exporter'", error, StringComparison.Ordinal);
        Assert.Contains("Allowed: None, Console, Otlp, AzureMonitor.", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error, string Output)> RunBotAsync(params (string Name, string Value)[] environment)
    {
        var data = Directory.CreateTempSubdirectory("adoptionbot-startup-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AdoptionBot.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = data,
        };
        start.Environment["Storage__DataPath"] = data;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(data, recursive: true);
        }

        return (process.ExitCode, await error, await output);
    }
}
