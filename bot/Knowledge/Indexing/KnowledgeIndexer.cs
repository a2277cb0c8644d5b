using AdoptionBot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>What one sync did.</summary>
public sealed record IndexingReport(int Files, int Reindexed, int Removed, int ChunksEmbedded, TimeSpan Elapsed)
{
    /// <summary>The sentences of those chunks embedded besides them.</summary>
    public int SentencesEmbedded { get; init; }

    /// <summary>Nothing was written: another instance holds the shared index's write lease and does this sync.</summary>
    public static readonly IndexingReport WrittenElsewhere = new(0, 0, 0, 0, TimeSpan.Zero) { IsWrittenElsewhere = true };

    public bool IsWrittenElsewhere { get; private init; }
}

/// <summary>
/// Brings the index in line with the knowledge folder: files whose content hash is unchanged are skipped, changed
/// and new files are re-read and re-embedded alone, removed files are dropped. One sync runs at a time.
/// </summary>
public sealed class KnowledgeIndexer(
    KnowledgeScanner scanner,
    IKnowledgeIndexWriter writer,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IOptions<KnowledgeOptions> options,
    TimeProvider time,
    ILogger<KnowledgeIndexer> logger,
    IKnowledgeWriteLease? writeLease = null,
    IEnumerable<IExternalKnowledgeSource>? externalSources = null,
    IEnumerable<IUseCaseCatalogueKeeper>? catalogueKeepers = null)
{
    private readonly IReadOnlyList<IExternalKnowledgeSource> _sources = [.. externalSources ?? []];
    private readonly IReadOnlyList<IUseCaseCatalogueKeeper> _keepers = [.. catalogueKeepers ?? []];

    /// <summary>How often an external change waits for the shared index's write lease to come free.</summary>
    private static readonly TimeSpan LeaseRetry = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool IsRunning => _gate.CurrentCount == 0;

    /// <summary>
    /// Runs a sync, or returns null at once when one is already running here, or <see cref="IndexingReport.WrittenElsewhere"/>
    /// when another instance is writing the shared index (it reads the same files).
    /// </summary>
    public async Task<IndexingReport?> TrySyncAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            await using var hold = await TryHoldAsync(cancellationToken);
            if (hold is null)
            {
                KnowledgeLog.WrittenElsewhere(logger, KnowledgeWriteLease.Name);
                return IndexingReport.WrittenElsewhere;
            }

            return await SyncAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IndexingReport> SyncAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var known = await writer.GetFileHashesAsync(ModelId(), cancellationToken);
        var files = scanner.FindFiles();
        if (_keepers.Count > 0)
        {
            // The catalogue is kept in a store: its files are imported there, and the store's source lists it below.
            var catalogue = files.Where(f => KnowledgeScanner.IsCatalogue(f.RelativePath)).ToList();
            foreach (var keeper in _keepers)
            {
                await keeper.ImportAsync(catalogue, scanner.ReadUseCasesAsync, cancellationToken);
            }

            files = files.Except(catalogue).ToList();
        }

        var reindexed = 0;
        var embedded = 0;
        var sentences = 0;
        foreach (var file in files)
        {
            if (known.TryGetValue(file.RelativePath, out var hash) && hash == file.ContentHash)
            {
                continue;
            }

            var chunks = await scanner.ReadChunksAsync(file, cancellationToken);
            var vectors = await EmbedAsync(chunks, cancellationToken);
            await writer.ReplaceFileAsync(file.RelativePath, file.ContentHash, vectors, cancellationToken);
            reindexed++;
            embedded += chunks.Count;
            sentences += vectors.Sum(v => v.SentenceVectors.Count);
        }

        var present = files.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        var removed = known.Keys.Where(k => !present.Contains(k) && !k.StartsWith(ExternalSourcePrefix, StringComparison.Ordinal)).ToList();
        foreach (var path in removed)
        {
            await writer.RemoveFileAsync(path, cancellationToken);
        }

        // Entries kept elsewhere (ideas, the catalogue in the store) go into the same publication, so the first
        // searchable index has them; an index rebuilt for a new model gets them back here too.
        foreach (var source in _sources)
        {
            var external = await SyncSourceAsync(source, known, cancellationToken);
            reindexed += external.Reindexed;
            embedded += external.ChunksEmbedded;
        }

        await writer.PublishAsync(cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        KnowledgeLog.Synced(logger, (long)elapsed.TotalMilliseconds, files.Count, reindexed, removed.Count, embedded);
        return new IndexingReport(files.Count, reindexed, removed.Count, embedded, elapsed) { SentencesEmbedded = sentences };
    }

    /// <summary>Index entries that do not come from the knowledge folder (e.g. ideas) carry this prefix and are left alone by the folder sync.</summary>
    public const string ExternalSourcePrefix = "@";

    /// <summary>
    /// Brings the source's entries in the index in line with what it lists now: changed documents re-embedded,
    /// vanished ones removed. Waits for a running sync rather than skipping, so a change is never lost.
    /// </summary>
    public async Task<IndexingReport> SyncExternalAsync(IExternalKnowledgeSource source, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The change happened on this instance, so only it can write it: wait for the writer lease (a crashed holder's expires).
            IAsyncDisposable? hold;
            while ((hold = await TryHoldAsync(cancellationToken)) is null)
            {
                await Task.Delay(LeaseRetry, time, cancellationToken);
            }

            await using var held = hold;
            var started = time.GetTimestamp();
            var known = await writer.GetFileHashesAsync(ModelId(), cancellationToken);
            var report = await SyncSourceAsync(source, known, cancellationToken);
            if (report.Reindexed > 0 || report.Removed > 0)
            {
                await writer.PublishAsync(cancellationToken);
            }

            return report with { Elapsed = time.GetElapsedTime(started) };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the source's changed documents and removes its vanished ones; publishing is the caller's.</summary>
    private async Task<IndexingReport> SyncSourceAsync(IExternalKnowledgeSource source, IReadOnlyDictionary<string, string> known, CancellationToken cancellationToken)
    {
        var documents = await source.ListAsync(cancellationToken);
        var reindexed = 0;
        var embedded = 0;
        foreach (var document in documents)
        {
            if (known.TryGetValue(document.Path, out var hash) && hash == document.ContentHash)
            {
                continue;
            }

            await writer.ReplaceFileAsync(document.Path, document.ContentHash, await EmbedAsync(document.Chunks, cancellationToken), cancellationToken);
            reindexed++;
            embedded += document.Chunks.Count;
        }

        var present = documents.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var removed = known.Keys.Where(k => k.StartsWith(source.Prefix, StringComparison.Ordinal) && !present.Contains(k)).ToList();
        foreach (var path in removed)
        {
            await writer.RemoveFileAsync(path, cancellationToken);
        }

        return new IndexingReport(documents.Count, reindexed, removed.Count, embedded, TimeSpan.Zero);
    }

    private Task<IAsyncDisposable?> TryHoldAsync(CancellationToken cancellationToken) =>
        writeLease?.TryHoldAsync(cancellationToken) ?? Task.FromResult<IAsyncDisposable?>(KnowledgeWriteLease.NoLease.Instance);

    private string ModelId() => Embeddings.EmbeddingModel.Id(embeddings);

    /// <summary>Embeds each chunk and each of its sentences (what answers quote), in batches of the configured size.</summary>
    private async Task<IReadOnlyList<EmbeddedChunk>> EmbedAsync(IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.EmbeddingBatchSize;
        var chunkVectors = await EmbedTextsAsync(chunks.Select(c => c.EmbeddingText).ToList(), batchSize, cancellationToken);
        var sentences = chunks.Select(c => PassageSentences.Split(c.Text).Select(s => PassageSentences.EmbeddingText(c, s)).ToList()).ToList();
        var sentenceVectors = await EmbedTextsAsync(sentences.SelectMany(s => s).ToList(), batchSize, cancellationToken);
        var result = new List<EmbeddedChunk>(chunks.Count);
        var next = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            result.Add(new EmbeddedChunk(chunks[i], chunkVectors[i]) { SentenceVectors = sentenceVectors.GetRange(next, sentences[i].Count) });
            next += sentences[i].Count;
        }

        return result;
    }

    /// <summary>
    /// The texts' vectors in their order. Batches are formed from texts of similar length, because a batch is padded to
    /// its longest text: a short sentence batched with a long one would cost as much as the long one.
    /// </summary>
    private async Task<List<ReadOnlyMemory<float>>> EmbedTextsAsync(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        var vectors = new ReadOnlyMemory<float>[texts.Count];
        var byLength = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToList();
        foreach (var batch in byLength.Chunk(batchSize))
        {
            var embedded = await embeddings.GenerateAsync(batch.Select(i => texts[i]), cancellationToken: cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embedded[j].Vector;
            }
        }

        return [.. vectors];
    }
}
