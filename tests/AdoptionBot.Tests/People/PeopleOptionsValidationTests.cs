using AdoptionBot.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.People;

public sealed class PeopleOptionsValidationTests
{
    [Fact]
    public async Task Enabled_WithoutTenantAndClient_FailsNamingBothKeys()
    {
        var failure = await ValidationFailureAsync<PeopleOptions>(new() { ["Graph:Enabled"] = "true" });

        Assert.Contains(failure.Failures, f => f.Contains("Graph:TenantId is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Graph:ClientId is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabled_WithoutTenantAndClient_IsValid()
    {
        await using var services = PeopleServices.Build(new() { ["Graph:Enabled"] = "false" });

        Assert.False(services.GetRequiredService<IOptions<PeopleOptions>>().Value.Enabled);
    }

    [Theory]
    [InlineData("http://graph.microsoft.com/v1.0")]
    [InlineData("graph.microsoft.com/v1.0")]
    [InlineData("https://graph.microsoft.com/v1.0?x=1")]
    public async Task BaseUrl_NotHttpsOrLoopback_FailsNamingTheKey(string baseUrl)
    {
        var failure = await ValidationFailureAsync<PeopleOptions>(Enabled(new() { ["Graph:BaseUrl"] = baseUrl }));

        Assert.Contains(failure.Failures, f => f.Contains("Graph:BaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5050/v1.0")]
    [InlineData("http://localhost:5050/v1.0")]
    [InlineData("https://graph.microsoft.us/v1.0")]
    public async Task BaseUrl_HttpsOrLoopbackHttp_IsValid(string baseUrl)
    {
        await using var services = PeopleServices.Build(Enabled(new() { ["Graph:BaseUrl"] = baseUrl }));

        Assert.Equal(baseUrl, services.GetRequiredService<IOptions<PeopleOptions>>().Value.BaseUrl);
    }

    [Fact]
    public async Task ClientId_NotAGuid_FailsNamingTheKey()
    {
        var failure = await ValidationFailureAsync<PeopleOptions>(Enabled(new() { ["Graph:ClientId"] = "adoption-bot" }));

        Assert.Contains(failure.Failures, f => f.Contains("Graph:ClientId 'adoption-bot'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretAndManagedIdentity_Both_FailsNamingBothKeys()
    {
        var failure = await ValidationFailureAsync<PeopleOptions>(Enabled(new()
        {
            ["Graph:ClientSecret"] = "not-a-real-secret",
            ["Graph:ManagedIdentityClientId"] = "8c7b6a5d-0000-4000-8000-00000000beef",
        }));

        Assert.Contains(failure.Failures, f => f.Contains("Graph:ClientSecret and Graph:ManagedIdentityClientId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Graph:TimeoutSeconds", "0")]
    [InlineData("Graph:TimeoutSeconds", "120")]
    [InlineData("Graph:CacheMinutes", "-1")]
    [InlineData("Graph:CacheMaxEntries", "0")]
    public async Task OutOfRange_FailsNamingTheKey(string key, string value)
    {
        var failure = await ValidationFailureAsync<PeopleOptions>(new() { [key] = value });

        Assert.Contains(failure.Failures, f => f.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartupValidation_ReportsBadSettingsBeforeAnyLookup()
    {
        await using var services = PeopleServices.Build(new() { ["Graph:Enabled"] = "true" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Graph:TenantId", failure.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Enabled(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Graph:Enabled", "true");
        settings.TryAdd("Graph:TenantId", "72f988bf-0000-4000-8000-000000000001");
        settings.TryAdd("Graph:ClientId", "4a1b2c3d-0000-4000-8000-00000000abcd");
        return settings;
    }

    private static async Task<OptionsValidationException> ValidationFailureAsync<TOptions>(Dictionary<string, string?> settings)
        where TOptions : class
    {
        await using var services = PeopleServices.Build(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TOptions>>().Value);
    }
}
