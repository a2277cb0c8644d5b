using AdoptionBot.Core;
using AdoptionBot.Knowledge.AzureSearch;
using AdoptionBot.Knowledge.Embeddings;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Storage;
using Azure.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddDataFolder();
        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .PostConfigure<IHostEnvironment, IOptions<DataFolderOptions>>((options, environment, folder) =>
            {
                options.Path = string.IsNullOrWhiteSpace(options.Path)
                    ? AppFolders.Find("knowledge", environment.ContentRootPath)
                    : Path.GetFullPath(options.Path, environment.ContentRootPath);
                options.IndexFile = string.IsNullOrWhiteSpace(options.IndexFile)
                    ? Path.Combine(folder.Value.ResolvedDataPath, "knowledge-index.db")
                    : Path.GetFullPath(options.IndexFile, environment.ContentRootPath);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<IDocumentReader, MarkdownReader>();
        services.AddSingleton<IDocumentReader, PlainTextReader>();
        services.AddSingleton<IDocumentReader, HtmlReader>();
        services.AddSingleton<IDocumentReader, PdfReader>();
        services.AddSingleton<IDocumentReader, DocxReader>();
        services.AddSingleton<SourceLinks>();
        services.AddSingleton<DocumentChunker>();
        services.AddSingleton<KnowledgeScanner>();
        services.AddSingleton<IKnowledgeWriteLease, KnowledgeWriteLease>();
        services.AddSingleton<KnowledgeIndexer>();

        // The one decision: a configured replacement (the cloud model, from AddAI), else the local model.
        services.AddSingleton<MiniLmEmbeddingGenerator>();
        services.AddSingleton(sp => sp.ReplacedOr<IEmbeddingGenerator<string, Embedding<float>>>(p => p.GetRequiredService<MiniLmEmbeddingGenerator>()));
        services.AddSingleton<EmbeddedKnowledgeIndex>();
        services.AddHttpClient(AzureAISearchClients.HttpClientName);
        services.TryAddKeyedSingleton<TokenCredential>(
            AzureAISearchClients.CredentialKey,
            (sp, _) => AzureAISearchClients.CreateCredential(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.AzureAISearch));
        services.AddSingleton<AzureAISearchClients>();
        services.AddSingleton<AzureAISearchIndex>();
        services.AddSingleton<IKnowledgeSearch>(SelectedIndex);
        services.AddSingleton<IKnowledgeIndexWriter>(SelectedIndex);
        services.AddHostedService<KnowledgeIndexingService>();
        services.AddSingleton<IBotCommand, ReindexCommand>();
        return services;
    }

    private static IKnowledgeIndex SelectedIndex(IServiceProvider services) =>
        services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Index == KnowledgeIndexKind.AzureAISearch
            ? services.GetRequiredService<AzureAISearchIndex>()
            : services.GetRequiredService<EmbeddedKnowledgeIndex>();
}
