using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>
/// Syncs the index once at start-up (folder and external sources together), in the background so the bot answers from the
/// previous index meanwhile. With a shared index that another instance is writing, this one serves it, checks again
/// every <see cref="WriterCheck"/> whether it has become searchable, and syncs once the writer lease is free.
/// </summary>
public sealed class KnowledgeIndexingService(
    KnowledgeIndexer indexer,
    Retrieval.IKnowledgeIndexWriter writer,
    IEnumerable<IExternalKnowledgeSource> externalSources,
    IOptions<KnowledgeOptions> options,
    TimeProvider time,
    ILogger<KnowledgeIndexingService> logger) : BackgroundService
{
    public static readonly TimeSpan WriterCheck = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Serve what is already on disk at once; the sync below then catches up with changed files.
            await writer.TryLoadExistingAsync(stoppingToken);
            if (options.Value.IndexOnStartup)
            {
                while ((await indexer.TrySyncAsync(stoppingToken))?.IsWrittenElsewhere == true)
                {
                    await Task.Delay(WriterCheck, time, stoppingToken);
                    await writer.TryLoadExistingAsync(stoppingToken);
                }
            }

            else
            {
                // The folder sync includes entries kept elsewhere (ideas, the catalogue in the store); without it they are checked alone.
                foreach (var source in externalSources)
                {
                    await indexer.SyncExternalAsync(source, stoppingToken);
                }
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
