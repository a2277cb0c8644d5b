using AdoptionBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_KnowledgeFolderMissing_FailsNamingTheSetting()
    {
        var host = new BotTestHost(new Dictionary<string, string?> { ["Knowledge:Path"] = "/nonexistent/knowledge-folder" });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(host.InitializeAsync);

        Assert.Contains("Knowledge:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/knowledge-folder", error.Message, StringComparison.Ordinal);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Start_SingleTenantWithoutTenantId_FailsNamingTheSetting()
    {
        var host = new BotTestHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            ["MicrosoftAppPassword"] = "x",
        });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(host.InitializeAsync);

        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
        await host.DisposeAsync();
    }
}
