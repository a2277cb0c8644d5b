using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI;

namespace AdoptionBot.AI;

/// <summary>
/// Builds the Semantic Kernel with the configured provider's chat client and, when AI:EmbeddingDeployment is set, its
/// embedding client. The clients send through the "AI" HttpClient and sign in with the key or the managed identity.
/// </summary>
internal static class ModelKernel
{
    // One retry for a transient failure; AI:TimeoutSeconds bounds the whole call anyway.
    private const int MaxRetries = 1;

    public static Kernel Build(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AIOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(AIServiceCollectionExtensions.HttpClientName);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        var chat = options.ChatDeployment!;
        var embedding = options.EmbeddingDeployment;
        switch (options.Provider)
        {
            case AIProvider.AzureOpenAI:
                var azure = AzureClient(options, http);
                builder.AddAzureOpenAIChatCompletion(chat, azure);
                if (options.EmbedsInCloud)
                {
#pragma warning disable SKEXP0010 // the dimensions parameter is marked experimental in Semantic Kernel 1.82
                    builder.AddAzureOpenAIEmbeddingGenerator(embedding!, azure, dimensions: options.EmbeddingDimensions);
#pragma warning restore SKEXP0010
                }

                break;
            case AIProvider.OpenAI:
                var openAI = OpenAIClient(options, http);
                builder.AddOpenAIChatCompletion(chat, openAI);
                if (options.EmbedsInCloud)
                {
#pragma warning disable SKEXP0010 // the dimensions parameter is marked experimental in Semantic Kernel 1.82
                    builder.AddOpenAIEmbeddingGenerator(embedding!, openAI, dimensions: options.EmbeddingDimensions);
#pragma warning restore SKEXP0010
                }

                break;
            default:
                throw new InvalidOperationException("AI:Provider is None: no language model is configured.");
        }

        AILog.Configured(services.GetRequiredService<ILogger<Kernel>>(), options.Provider, chat, options.EmbedsInCloud ? EmbeddingModelId(options) : "the local MiniLM model");
        return builder.Build();
    }

    /// <summary>The embedding generator of the kernel, named so that the index is rebuilt when the provider, deployment or length changes.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator(Kernel kernel, AIOptions options, TimeProvider time) =>
        new NamedEmbeddingGenerator(
            kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            new EmbeddingGeneratorMetadata(options.Provider.ToString(), options.EndpointUri, EmbeddingModelId(options), options.EmbeddingDimensions),
            QuestionEmbeddingTimeout,
            IndexingBatchTimeout,
            time);

    /// <summary>
    /// Longest wait for a question's embedding: with the search (3 s) and the answer (AI:TimeoutSeconds, 8 s) the reply
    /// still fits Teams' 15-second turn.
    /// </summary>
    private static readonly TimeSpan QuestionEmbeddingTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Longest wait for one batch of chunk embeddings while indexing.</summary>
    private static readonly TimeSpan IndexingBatchTimeout = TimeSpan.FromMinutes(2);

    internal static string EmbeddingModelId(AIOptions options) =>
        options.EmbeddingDimensions is { } dimensions
            ? $"{options.Provider}:{options.EmbeddingDeployment}@{dimensions}"
            : $"{options.Provider}:{options.EmbeddingDeployment}";

    private static AzureOpenAIClient AzureClient(AIOptions options, HttpClient http)
    {
        var clientOptions = new AzureOpenAIClientOptions { Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(MaxRetries) };
        return string.IsNullOrWhiteSpace(options.ApiKey)
            ? new AzureOpenAIClient(options.EndpointUri, Credential(options), clientOptions)
            : new AzureOpenAIClient(options.EndpointUri, new ApiKeyCredential(options.ApiKey), clientOptions);
    }

    private static OpenAIClient OpenAIClient(AIOptions options, HttpClient http) =>
        new(new ApiKeyCredential(options.ApiKey!), new OpenAIClientOptions
        {
            Endpoint = options.EndpointUri,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(MaxRetries),
        });

    private static TokenCredential Credential(AIOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
