using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>Syncs the index once at start-up (folder, then external sources), in the background so the bot answers from the previous index meanwhile.</summary>
public sealed class KnowledgeIndexingService(
    KnowledgeIndexer indexer,
    Retrieval.IKnowledgeIndexWriter writer,
    IEnumerable<IExternalKnowledgeSource> externalSources,
    IOptions<KnowledgeOptions> options,
    ILogger<KnowledgeIndexingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Serve what is already on disk at once; the sync below then catches up with changed files.
            await writer.TryLoadExistingAsync(stoppingToken);
            if (options.Value.IndexOnStartup)
            {
                await indexer.TrySyncAsync(stoppingToken);
            }

            // Entries kept elsewhere (ideas) are checked too: an index rebuilt for a new model gets them back.
            foreach (var source in externalSources)
            {
                await indexer.SyncExternalAsync(source, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            KnowledgeLog.IndexingFailed(logger, ex);
        }
    }
}
