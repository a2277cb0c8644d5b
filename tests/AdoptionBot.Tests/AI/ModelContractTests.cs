using AdoptionBot.AI;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.AI;

/// <summary>What Semantic Kernel's real OpenAI clients, as the bot configures them, send to the services' REST APIs.</summary>
public sealed class ModelContractTests : IAsyncLifetime
{
    private StandInModel _model = null!;

    public async Task InitializeAsync() => _model = await StandInModel.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task AzureChat_PostsToTheDeploymentWithTheKeyThePromptFileThePassagesAndTheQuestion()
    {
        using var services = AIServices.Build(AIServices.AzureSettings(_model));
        var composer = services.GetRequiredService<IAnswerComposer>();

        await composer.ComposeAsync("Can I paste customer data into ChatGPT?", [CustomerData, Canteen], CancellationToken.None);

        var request = Assert.Single(_model.Requests);
        Assert.Equal("/openai/deployments/answers-gpt/chat/completions", request.Path);
        Assert.NotEmpty(request.ApiVersion);
        Assert.Equal("test-key-azure", request.ApiKey);
        Assert.False(request.Streams);
        Assert.Equal(File.ReadAllText(AnswerPrompt.DefaultPath).Trim(), request.SystemMessage);
        Assert.Equal([1, 2], request.PassageNumbers);
        Assert.Matches("<passage number=\"1\" source=\"[^\"]*Public tools\">\nNever paste customer data into public AI tools such as ChatGPT.\n</passage>", request.UserMessage);
        Assert.Contains("<passage number=\"2\"", request.UserMessage, StringComparison.Ordinal);
        Assert.EndsWith("<question>\nCan I paste customer data into ChatGPT?\n</question>", request.UserMessage, StringComparison.Ordinal);
        Assert.Equal(700, (request.Body["max_tokens"] ?? request.Body["max_completion_tokens"])!.GetValue<int>());
    }

    [Fact]
    public async Task OpenAIChat_PostsToV1WithTheBearerKeyAndTheModelName()
    {
        using var services = AIServices.Build(AIServices.OpenAISettings(_model));
        var composer = services.GetRequiredService<IAnswerComposer>();

        var answer = await composer.ComposeAsync("Can I paste customer data into ChatGPT?", [CustomerData], CancellationToken.None);

        var request = Assert.Single(_model.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key-openai", request.Authorization);
        Assert.Equal("gpt-test-mini", request.Body["model"]!.GetValue<string>());
        Assert.Contains("<question>", request.UserMessage, StringComparison.Ordinal);
        Assert.Equal("Do not paste customer data into public AI tools [1].", answer!.Text);
    }

    [Fact]
    public async Task AzureEmbeddings_PostTheTextsAndTheShortenedLengthAndNameTheModelForTheIndex()
    {
        using var services = AIServices.Build(AIServices.AzureSettings(_model, s =>
        {
            s["AI:EmbeddingDeployment"] = "embed-3-large";
            s["AI:EmbeddingDimensions"] = "256";
        }));
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["Darf ich Kundendaten einfügen?", "Customer data rules"]);

        var request = Assert.Single(_model.Requests);
        Assert.Equal("/openai/deployments/embed-3-large/embeddings", request.Path);
        Assert.Equal("test-key-azure", request.ApiKey);
        Assert.Equal(["Darf ich Kundendaten einfügen?", "Customer data rules"], request.Body["input"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(256, request.Body["dimensions"]!.GetValue<int>());
        Assert.All(embeddings, e => Assert.Equal(256, e.Vector.Length));
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.Equal("AzureOpenAI:embed-3-large@256", metadata.DefaultModelId);
        Assert.Equal(256, metadata.DefaultModelDimensions);
    }

    [Fact]
    public async Task OpenAIEmbeddings_PostToV1WithTheModelAndTheModelsOwnLength()
    {
        using var services = AIServices.Build(AIServices.OpenAISettings(_model, s => s["AI:EmbeddingDeployment"] = "text-embedding-3-small"));
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["Customer data rules"]);

        var request = Assert.Single(_model.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("Bearer test-key-openai", request.Authorization);
        Assert.Equal("text-embedding-3-small", request.Body["model"]!.GetValue<string>());
        Assert.Null(request.Body["dimensions"]);
        Assert.Equal(StandInModel.DefaultDimensions, Assert.Single(embeddings).Vector.Length);
        Assert.Equal("OpenAI:text-embedding-3-small", generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void WithoutAnEmbeddingDeployment_TheLocalModelStays()
    {
        using var services = AIServices.Build(AIServices.AzureSettings(_model));

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<AdoptionBot.Knowledge.Embeddings.MiniLmEmbeddingGenerator>(generator);
    }

    [Fact]
    public void ProviderNone_KeepsTheExtractiveComposer()
    {
        using var services = AIServices.Build(new Dictionary<string, string?>());

        Assert.IsType<ExtractiveAnswerComposer>(services.GetRequiredService<IAnswerComposer>());
    }

    private static readonly RetrievedPassage CustomerData =
        Passages.Guideline("guidelines/customer-data.md", "Public tools", "Never paste customer data into public AI tools such as ChatGPT.");

    private static readonly RetrievedPassage Canteen =
        Passages.Guideline("guidelines/canteen.md", "Opening hours", "The canteen opens at noon.");
}
