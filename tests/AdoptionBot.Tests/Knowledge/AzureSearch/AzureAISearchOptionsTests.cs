using System.ComponentModel.DataAnnotations;
using AdoptionBot.Hosting;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.AzureSearch;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Knowledge.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

public sealed class AzureAISearchOptionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AzureAISearch_WithoutEndpointAndIndexName_NamesBothKeys()
    {
        var errors = Validate(new AzureAISearchOptions());

        Assert.Contains(errors, e => e.StartsWith("Knowledge:AzureAISearch:Endpoint is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Knowledge:AzureAISearch:IndexName is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://search.example.net", "Knowledge:AzureAISearch:Endpoint 'http://search.example.net' is not an absolute https URL")]
    [InlineData("search.example.net", "Knowledge:AzureAISearch:Endpoint 'search.example.net' is not an absolute https URL")]
    public void AzureAISearch_EndpointNotHttps_IsRefused(string endpoint, string expected)
    {
        var errors = Validate(new AzureAISearchOptions { Endpoint = endpoint, IndexName = "knowledge" });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Knowledge", "IndexName 'Knowledge'")]
    [InlineData("-knowledge", "IndexName '-knowledge'")]
    public void AzureAISearch_InvalidIndexName_IsRefused(string name, string expected)
    {
        var errors = Validate(new AzureAISearchOptions { Endpoint = "https://s.search.windows.net", IndexName = name });

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AzureAISearch_BadNumbersAndClientId_AreEachNamed()
    {
        var errors = Validate(new AzureAISearchOptions
        {
            Endpoint = "https://s.search.windows.net",
            IndexName = "knowledge",
            BatchSize = 5000,
            VectorCandidates = 0,
            TimeoutSeconds = 0,
            ManagedIdentityClientId = "not-a-guid",
        });

        Assert.Contains(errors, e => e.StartsWith("Knowledge:AzureAISearch:BatchSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Knowledge:AzureAISearch:VectorCandidates", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Knowledge:AzureAISearch:TimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Knowledge:AzureAISearch:ManagedIdentityClientId", StringComparison.Ordinal));
    }

    [Fact]
    public void AzureAISearch_CompleteSettings_AreValid()
    {
        var errors = Validate(new AzureAISearchOptions { Endpoint = "https://s.search.windows.net", IndexName = "adoptionbot-knowledge", ManagedIdentityClientId = Guid.NewGuid().ToString() });

        Assert.Empty(errors);
    }

    [Fact]
    public void EmbeddedIndex_IgnoresTheAzureSettings()
    {
        var options = new KnowledgeOptions { Path = _folder.Path, Index = KnowledgeIndexKind.Embedded, AzureAISearch = new AzureAISearchOptions { Endpoint = "http://nope" } };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Fact]
    public void AddKnowledge_WithAzureAISearchButNoEndpoint_FailsValidationNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = _folder.Path,
            ["Storage:DataPath"] = _folder.File("data"),
            ["Knowledge:Index"] = "AzureAISearch",
            ["Knowledge:AzureAISearch:IndexName"] = "knowledge",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = _folder.Path });
        services.AddLogging();
        services.AddDataFolder();
        services.AddKnowledge();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value);

        Assert.Contains("Knowledge:AzureAISearch:Endpoint is required", failure.Message, StringComparison.Ordinal);
    }

    private List<string> Validate(AzureAISearchOptions search)
    {
        var options = new KnowledgeOptions { Path = _folder.Path, Index = KnowledgeIndexKind.AzureAISearch, AzureAISearch = search };
        return [.. options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!)];
    }
}
