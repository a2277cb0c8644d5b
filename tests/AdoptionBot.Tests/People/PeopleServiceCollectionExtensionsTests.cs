using AdoptionBot.People;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.People;

public sealed class PeopleServiceCollectionExtensionsTests : IAsyncLifetime
{
    private const string Jana = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";

    private StandInGraph _graph = null!;

    public async Task InitializeAsync()
    {
        _graph = await StandInGraph.StartAsync();
        _graph.AddUser(Jana, "Jana Weber", "Production");
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task AddPeople_GraphNotConfigured_UsesNoUserDirectoryAndNeverCallsGraph()
    {
        await using var services = PeopleServices.Build(new()
        {
            ["Graph:BaseUrl"] = _graph.BaseUrl,
        });

        var directory = services.GetRequiredService<IUserDirectory>();
        var department = await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        Assert.IsType<NoUserDirectory>(directory);
        Assert.Null(department);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task AddPeople_GraphEnabled_UsesGraphUserDirectory()
    {
        await using var services = PeopleServices.Build(EnabledSettings(), new StaticTokenCredential());

        var directory = services.GetRequiredService<IUserDirectory>();

        Assert.IsType<GraphUserDirectory>(directory);
        Assert.Same(directory, services.GetRequiredService<IUserDirectory>());
        Assert.Equal("Production", await directory.GetDepartmentAsync(Jana, CancellationToken.None));
    }

    [Fact]
    public async Task AddPeople_WithClientSecret_SignsInWithTheSecret()
    {
        var settings = EnabledSettings();
        settings["Graph:ClientSecret"] = "not-a-real-secret";
        await using var services = PeopleServices.Build(settings);

        Assert.IsType<ClientSecretCredential>(services.GetRequiredKeyedService<TokenCredential>(PeopleServiceCollectionExtensions.GraphCredentialKey));
    }

    [Fact]
    public async Task AddPeople_WithoutClientSecret_SignsInWithTheManagedIdentity()
    {
        await using var services = PeopleServices.Build(EnabledSettings());

        Assert.IsType<ManagedIdentityCredential>(services.GetRequiredKeyedService<TokenCredential>(PeopleServiceCollectionExtensions.GraphCredentialKey));
    }

    [Fact]
    public async Task AddPeople_Defaults_AreTheDocumentedOnes()
    {
        await using var services = PeopleServices.Build([]);

        var options = services.GetRequiredService<IOptions<PeopleOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal("https://graph.microsoft.com/v1.0", options.BaseUrl);
        Assert.Equal(2, options.TimeoutSeconds);
        Assert.Equal(60, options.CacheMinutes);
    }

    private Dictionary<string, string?> EnabledSettings() => new()
    {
        ["Graph:Enabled"] = "true",
        ["Graph:BaseUrl"] = _graph.BaseUrl,
        ["Graph:TenantId"] = "72f988bf-0000-4000-8000-000000000001",
        ["Graph:ClientId"] = "4a1b2c3d-0000-4000-8000-00000000abcd",
    };
}
