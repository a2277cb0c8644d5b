using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>Syncs the index once at start-up, in the background so the bot answers from the previous index meanwhile.</summary>
public sealed class KnowledgeIndexingService(KnowledgeIndexer indexer, Retrieval.IKnowledgeIndexWriter writer, IOptions<KnowledgeOptions> options, ILogger<KnowledgeIndexingService> logger) : BackgroundService
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
