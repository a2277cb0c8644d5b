using System.ComponentModel.DataAnnotations;
using AdoptionBot.AI;

namespace AdoptionBot.Tests.AI;

public sealed class AIOptionsTests
{
    [Fact]
    public void Defaults_NoModelAndNoErrors()
    {
        var options = new AIOptions();

        Assert.Equal(AIProvider.None, options.Provider);
        Assert.Equal(8, options.TimeoutSeconds);
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void AzureOpenAIWithManagedIdentity_IsValidWithoutAKey()
    {
        var options = new AIOptions
        {
            Provider = AIProvider.AzureOpenAI,
            Endpoint = "https://nordhafen-genai.openai.azure.com/",
            ChatDeployment = "gpt-4o-mini",
            EmbeddingDeployment = "text-embedding-3-large",
            ManagedIdentityClientId = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
        };

        Assert.Empty(Errors(options));
    }

    [Theory]
    [InlineData("http://nordhafen-genai.openai.azure.com/", "AI:Endpoint")]
    [InlineData("not a url", "AI:Endpoint")]
    [InlineData(null, "AI:Endpoint")]
    public void AzureOpenAI_EndpointMustBeHttps(string? endpoint, string key)
    {
        var options = new AIOptions { Provider = AIProvider.AzureOpenAI, Endpoint = endpoint, ChatDeployment = "gpt-4o-mini" };

        Assert.Contains(Errors(options), e => e.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void LoopbackHttpEndpoint_IsAllowed()
    {
        var options = new AIOptions { Provider = AIProvider.OpenAI, Endpoint = "http://127.0.0.1:11434/v1", ChatDeployment = "llama3", ApiKey = "local" };

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void MissingChatDeploymentAndKey_AreNamed()
    {
        var options = new AIOptions { Provider = AIProvider.OpenAI, Endpoint = "https://api.openai.com/v1" };

        var errors = Errors(options);

        Assert.Contains(errors, e => e.StartsWith("AI:ChatDeployment", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AI:ApiKey", StringComparison.Ordinal));
    }

    [Fact]
    public void EmbeddingDeploymentWithoutProvider_IsNamed()
    {
        var options = new AIOptions { EmbeddingDeployment = "text-embedding-3-small" };

        Assert.Contains(Errors(options), e => e.StartsWith("AI:EmbeddingDeployment", StringComparison.Ordinal));
    }

    private static List<string> Errors(AIOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }
}
