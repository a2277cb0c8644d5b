using AdoptionBot.Core;
using AdoptionBot.Questions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AdoptionBot.AI;

public static class AIServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient the model clients send through (configure it, e.g. a proxy, with AddHttpClient).</summary>
    public const string HttpClientName = "AI";

    /// <summary>
    /// Generated answers and cloud embeddings, when AI:Provider is set: offered as replacements of the answer composer
    /// (Questions) and the embedding generator (Knowledge), in whatever order the modules are added.
    /// </summary>
    public static IServiceCollection AddAI(this IServiceCollection services)
    {
        services.AddOptions<AIOptions>()
            .BindConfiguration(AIOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                options => !options.GeneratesAnswers || File.Exists(AnswerPrompt.DefaultPath),
                $"AI:Provider is set but the answer prompt {AnswerPrompt.DefaultPath} is missing; it ships with the bot as {AnswerPrompt.RelativePath}.")
            .Validate(
                options => !options.GeneratesAnswers || !options.RewriteQueries || File.Exists(RewritePrompt.DefaultPath),
                $"AI:RewriteQueries is on but the rewrite prompt {RewritePrompt.DefaultPath} is missing; it ships with the bot as {RewritePrompt.RelativePath}.")
            .ValidateOnStart();

        services.AddMetrics();
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<GenerationMetrics>();
        services.AddSingleton(_ => AnswerPrompt.Load(AnswerPrompt.DefaultPath));

        // Built once: the kernel holds the chat client and, when configured, the embedding client.
        services.AddSingleton(ModelKernel.Build);
        services.AddSingleton(sp => sp.GetRequiredService<Kernel>().GetRequiredService<IChatCompletionService>());
        services.AddSingleton<GeneratedAnswerComposer>();
        services.AddSingleton(_ => RewritePrompt.Load(RewritePrompt.DefaultPath));
        services.AddSingleton<ModelQueryRewriter>();

        // Offered to Questions and Knowledge, which choose them while AI:Provider (and AI:EmbeddingDeployment) are set.
        services.AddSingleton(new Replacement<IAnswerComposer>(sp =>
            sp.GetRequiredService<IOptions<AIOptions>>().Value.GeneratesAnswers ? sp.GetRequiredService<GeneratedAnswerComposer>() : null));
        services.AddSingleton(new Replacement<IQueryRewriter>(sp =>
            sp.GetRequiredService<IOptions<AIOptions>>().Value is { GeneratesAnswers: true, RewriteQueries: true } ? sp.GetRequiredService<ModelQueryRewriter>() : null));
        services.AddSingleton(new Replacement<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            sp.GetRequiredService<IOptions<AIOptions>>().Value is { EmbedsInCloud: true } options
                ? ModelKernel.EmbeddingGenerator(sp.GetRequiredService<Kernel>(), options, sp.GetRequiredService<TimeProvider>())
                : null));
        return services;
    }
}
