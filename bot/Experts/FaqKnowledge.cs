using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Experts;

/// <summary>
/// The published FAQ entries as knowledge: one chunk each, read like a guideline section (quoted as text: an expert wrote it), cited as
/// "FAQ — question" with the expert and the date as its keywords, seen only in the entry's tenant.
/// </summary>
public sealed class FaqKnowledge(IDbContextFactory<AdoptionBotDbContext> contexts) : IExternalKnowledgeSource
{
    public string Prefix => KnowledgeIndexer.ExternalSourcePrefix + "faqs/";

    public async Task<IReadOnlyList<ExternalDocument>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = await db.FaqEntries.AsNoTracking().Where(f => f.State == FaqStates.Published).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        return [.. entries.Select(Document)];
    }

    public static string Title(string question) => "FAQ — " + question;

    private ExternalDocument Document(FaqEntry entry)
    {
        var path = Prefix + entry.DisplayId;
        var answered = entry.AnsweredAtUtc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var chunk = new KnowledgeChunk(
            ChunkKey: path + "#0",
            SourceId: entry.DisplayId,
            FilePath: path,
            Kind: SourceKind.Faq,
            Title: Title(entry.Question),
            HeadingPath: $"{entry.ExpertName} › {answered}",
            Text: entry.Answer,
            Url: "",
            Tenant: entry.TenantId);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{chunk.Title}\n{chunk.HeadingPath}\n{chunk.Text}\n{chunk.Tenant}")));
        return new ExternalDocument(path, hash, [chunk]);
    }
}

/// <summary>Brings the index in line with the published FAQ entries as soon as one changes (the indexer lists the entries, so this lives apart).</summary>
public sealed class FaqIndexSync(KnowledgeIndexer indexer, FaqKnowledge faqs, ILogger<FaqIndexSync> logger)
{
    /// <summary>Indexes the change now, so an approved entry answers within seconds; a failure waits for the next knowledge sync.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await indexer.SyncExternalAsync(faqs, cancellationToken);
            ExpertsLog.FaqsIndexed(logger, report.Reindexed, report.Removed, (long)report.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ExpertsLog.FaqIndexFailed(logger, ex);
        }
    }
}
