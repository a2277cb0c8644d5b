using AdoptionBot.Core;
using AdoptionBot.Knowledge.Indexing;
using Microsoft.Bot.Builder;

namespace AdoptionBot.Knowledge;

/// <summary>"reindex" (portfolio team): re-reads changed knowledge files now; answering goes on meanwhile.</summary>
public sealed class ReindexCommand(KnowledgeIndexer indexer) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["reindex"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        if (indexer.IsRunning)
        {
            await turnContext.SendActivityAsync("Re-indexing is already running; questions are answered from the current index meanwhile.", cancellationToken: cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync("Re-indexing the knowledge base. Questions are answered from the current index meanwhile.", cancellationToken: cancellationToken);
        var report = await indexer.TrySyncAsync(cancellationToken);
        var text = report is null
            ? "Re-indexing was already running; nothing more to do."
            : report.IsWrittenElsewhere
            ? "Another bot instance is updating the shared knowledge index right now and reads the same files; questions are answered from it meanwhile. Try again in a few minutes if your change is not found."
            : $"Re-indexing done in {report.Elapsed.TotalSeconds:F1} s: {report.Files} files, {report.Reindexed} re-read, {report.Removed} removed, {report.ChunksEmbedded} passages embedded.";
        await turnContext.SendActivityAsync(text, cancellationToken: cancellationToken);
    }
}
