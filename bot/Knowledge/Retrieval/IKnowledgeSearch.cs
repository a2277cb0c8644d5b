namespace AdoptionBot.Knowledge.Retrieval;

/// <summary>A chunk found for a question, with how it ranked.</summary>
/// <param name="Relevance">Cosine similarity of question and chunk embeddings (0–1 in practice).</param>
/// <param name="Score">The fused rank score that orders results.</param>
public sealed record RetrievedPassage(KnowledgeChunk Chunk, double Relevance, double Score)
{
    /// <summary>
    /// The cosine similarity of the question to each of the chunk's sentences (<see cref="PassageSentences.Split"/>), in
    /// order; empty when the index holds no sentence embeddings for the chunk.
    /// </summary>
    public IReadOnlyList<double> SentenceRelevance { get; init; } = [];
}

/// <summary>
/// Limits a search to some kinds of source, optionally one business unit, and always to what the reader's tenant may
/// see: the chunks of no tenant (the knowledge files) and those of the reader's own tenant (its ideas).
/// </summary>
/// <param name="Kinds">The kinds of source searched; empty for all.</param>
/// <param name="BusinessUnit">Only chunks of this business unit (compared exactly); null for all. May come from user input.</param>
/// <param name="ReaderTenant">The Microsoft 365 tenant of the person the results are for; null sees only chunks of no tenant.</param>
public sealed record KnowledgeFilter(IReadOnlyList<SourceKind> Kinds, string? BusinessUnit = null, string? ReaderTenant = null)
{
    /// <summary>Every kind of source, for a reader of no known tenant: only what belongs to no tenant.</summary>
    public static KnowledgeFilter Shared { get; } = new([]);

    /// <summary>Every kind of source, as seen from a tenant.</summary>
    public static KnowledgeFilter For(string? readerTenant) => new([], null, readerTenant);

    /// <summary>True when the filter leaves out anything but other tenants' chunks.</summary>
    public bool NarrowsKindOrUnit => Kinds.Count > 0 || BusinessUnit is not null;

    public bool Matches(KnowledgeChunk chunk) =>
        (Kinds.Count == 0 || Kinds.Contains(chunk.Kind))
        && (BusinessUnit is null || string.Equals(chunk.BusinessUnit, BusinessUnit, StringComparison.Ordinal))
        && Core.TenantScope.Sees(ReaderTenant, chunk.Tenant);
}

/// <summary>Searches the knowledge base. The embedded hybrid index and the Azure AI Search backend both implement it.</summary>
public interface IKnowledgeSearch
{
    /// <summary>True once the index holds the knowledge base (after the first start-up sync, or from disk).</summary>
    bool IsReady { get; }

    /// <summary>The embedding model that ranks by meaning: what similarity thresholds were calibrated on. Empty when unknown.</summary>
    string EmbeddingModelId => "";

    /// <summary>True when that model reads English only, so a question in another language cannot be matched by meaning.</summary>
    bool ReadsOnlyEnglish => false;

    /// <summary>Searches what belongs to no tenant (<see cref="KnowledgeFilter.Shared"/>).</summary>
    Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, CancellationToken cancellationToken);

    /// <summary>
    /// Searches only the chunks the filter matches. Both indexes filter before ranking; this fallback for other
    /// implementations filters a wider unfiltered result instead.
    /// </summary>
    async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, KnowledgeFilter filter, CancellationToken cancellationToken) =>
        [.. (await SearchAsync(query, top * 4, cancellationToken)).Where(p => filter.Matches(p.Chunk)).Take(top)];

    /// <summary>
    /// The content words of the query that occur nowhere in the knowledge base (e.g. "canteen"). A question built on
    /// words the documents never use is most likely about something they do not cover.
    /// </summary>
    Task<IReadOnlyList<string>> FindUnknownTermsAsync(string query, CancellationToken cancellationToken);

    /// <summary>The business units the use-case catalogue names, sorted.</summary>
    Task<IReadOnlyList<string>> GetBusinessUnitsAsync(CancellationToken cancellationToken);
}

/// <summary>A chunk with its embedding and those of its sentences (<see cref="PassageSentences.Split"/>), ready to be written to an index.</summary>
public sealed record EmbeddedChunk(KnowledgeChunk Chunk, ReadOnlyMemory<float> Vector)
{
    /// <summary>One vector per sentence, in order; empty when the sentences were not embedded.</summary>
    public IReadOnlyList<ReadOnlyMemory<float>> SentenceVectors { get; init; } = [];
}

/// <summary>Writes an index file by file, so that unchanged files are skipped by content hash.</summary>
public interface IKnowledgeIndexWriter
{
    /// <summary>Identifies the embedding model; an index built with another model is rebuilt from scratch.</summary>
    Task<IReadOnlyDictionary<string, string>> GetFileHashesAsync(string embeddingModelId, CancellationToken cancellationToken);

    Task ReplaceFileAsync(string filePath, string contentHash, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken);

    Task RemoveFileAsync(string filePath, CancellationToken cancellationToken);

    /// <summary>Makes the written changes visible to searches.</summary>
    Task PublishAsync(CancellationToken cancellationToken);

    /// <summary>At start-up: serves what a previous run indexed, if anything. False when the index is empty.</summary>
    Task<bool> TryLoadExistingAsync(CancellationToken cancellationToken);
}

/// <summary>An index that is both searched and written: the embedded one or Azure AI Search.</summary>
public interface IKnowledgeIndex : IKnowledgeSearch, IKnowledgeIndexWriter;
