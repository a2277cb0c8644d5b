using System.Numerics.Tensors;
using System.Text;
using AdoptionBot.Knowledge.Embeddings;
using AdoptionBot.Knowledge.Retrieval;
using Azure;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes.Models;
using Azure.Search.Documents.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.AzureSearch;

/// <summary>
/// The knowledge base in an Azure AI Search index shared by every instance. Queries are hybrid (the question's
/// words and its embedding, fused by the service, re-ranked by the semantic ranker when enabled). The service's
/// scores are not cosine similarities, so each result's vector is read back and its cosine to the question computed
/// here: <see cref="RetrievedPassage.Relevance"/> then means what it means for the embedded index, and the
/// abstention thresholds hold for both. Every filter value is escaped by <see cref="SearchFilter.Create"/>.
/// </summary>
public sealed class AzureAISearchIndex : IKnowledgeIndex
{
    private const int MaxTermsChecked = 16;
    private const int PageSize = 1000;
    private const int MaxRequestBytes = 8 * 1024 * 1024;
    private const int MaxIndexingAttempts = 4;
    private static readonly TimeSpan BusinessUnitsCacheTime = TimeSpan.FromMinutes(5);

    private readonly SearchClient _documents;
    private readonly Azure.Search.Documents.Indexes.SearchIndexClient _indexes;
    private readonly string _indexName;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly AzureAISearchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AzureAISearchIndex> _logger;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _ready;
    private bool _schemaChecked;
    private int? _dimensions;
    private volatile CachedUnits? _businessUnits;

    public AzureAISearchIndex(
        AzureAISearchClients clients,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        IOptions<KnowledgeOptions> options,
        TimeProvider time,
        ILogger<AzureAISearchIndex> logger)
    {
        _documents = clients.Documents;
        _indexes = clients.Indexes;
        _indexName = clients.IndexName;
        _embeddings = embeddings;
        _options = options.Value.AzureAISearch;
        _time = time;
        _logger = logger;
    }

    public string EmbeddingModelId => Embeddings.EmbeddingModel.Id(_embeddings);

    public bool ReadsOnlyEnglish => Embeddings.EmbeddingModel.ReadsOnlyEnglish(_embeddings);

    public bool IsReady => _ready;

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
        WithinQueryTimeAsync(token => FilteredSearchAsync(query, top, KnowledgeFilter.Shared, token), cancellationToken);

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, KnowledgeFilter filter, CancellationToken cancellationToken) =>
        WithinQueryTimeAsync(token => FilteredSearchAsync(query, top, filter, token), cancellationToken);

    public Task<IReadOnlyList<string>> FindUnknownTermsAsync(string query, CancellationToken cancellationToken) =>
        WithinQueryTimeAsync(token => UnknownTermsAsync(query, token), cancellationToken);

    /// <summary>
    /// A question's search, retries included, must end within Knowledge:AzureAISearch:QueryTimeoutSeconds so the answer
    /// still fits Teams' turn; a slower service gives a <see cref="TimeoutException"/> the question handler explains.
    /// </summary>
    private async Task<T> WithinQueryTimeAsync<T>(Func<CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(_options.QueryTimeoutSeconds);
        using var deadline = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await query(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Azure AI Search did not answer a query within {limit.TotalSeconds:0.#} s.");
        }
    }

    private async Task<IReadOnlyList<string>> UnknownTermsAsync(string query, CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            return [];
        }

        // Terms hold only letters, digits and apostrophes, so the quoted phrase cannot carry query operators.
        var terms = QueryText.Terms(query).Where(t => t.Length >= 3 && t.Any(char.IsLetter)).Take(MaxTermsChecked).ToList();
        var counts = await Task.WhenAll(terms.Select(async term =>
        {
            var options = new SearchOptions { Size = 0, IncludeTotalCount = true, SearchMode = SearchMode.Any };
            foreach (var field in KnowledgeIndexSchema.TextFields)
            {
                options.SearchFields.Add(field);
            }

            var response = await _documents.SearchAsync<SearchChunkDocument>("\"" + term + "\"", options, cancellationToken);
            return response.Value.TotalCount ?? 0;
        }));
        return [.. terms.Where((_, i) => counts[i] == 0)];
    }

    public async Task<IReadOnlyList<string>> GetBusinessUnitsAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            return [];
        }

        if (_businessUnits is { } cached && cached.Expires > _time.GetUtcNow())
        {
            return cached.Units;
        }

        var options = new SearchOptions
        {
            Size = 0,
            Filter = Compare(KnowledgeIndexSchema.SourceKind, "eq", nameof(SourceKind.UseCase)),
            Facets = { KnowledgeIndexSchema.BusinessUnit + ",count:1000" },
        };
        var response = await _documents.SearchAsync<SearchChunkDocument>("*", options, cancellationToken);
        var facets = response.Value.Facets is { } all && all.TryGetValue(KnowledgeIndexSchema.BusinessUnit, out var found) ? found : [];
        var units = facets
            .Select(f => f.Value?.ToString()?.Trim())
            .Where(u => !string.IsNullOrEmpty(u))
            .Select(u => u!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        _businessUnits = new CachedUnits(units, _time.GetUtcNow() + BusinessUnitsCacheTime);
        return units;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetFileHashesAsync(string embeddingModelId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        var otherModel = await CountAsync(Compare(KnowledgeIndexSchema.EmbeddingModel, "ne", embeddingModelId), cancellationToken);
        if (otherModel > 0)
        {
            await RebuildAsync($"{otherModel} documents were embedded with another model than {embeddingModelId}", cancellationToken);
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var document in ReadByKeyAsync(null, [KnowledgeIndexSchema.FilePath, KnowledgeIndexSchema.ContentHash], cancellationToken))
        {
            // Chunks of one file that disagree on its hash were left by an interrupted write: index the file again.
            hashes[document.FilePath] = hashes.TryGetValue(document.FilePath, out var known) && known != document.ContentHash ? "" : document.ContentHash;
        }

        return hashes;
    }

    public async Task ReplaceFileAsync(string filePath, string contentHash, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken)
    {
        var modelId = EmbeddingModel.Id(_embeddings);
        var documents = chunks.Select(c => SearchChunkDocument.From(filePath, contentHash, modelId, c)).ToList();
        var existing = await KeysOfFileAsync(filePath, cancellationToken);

        // New chunks first, stale ones after: a reader never finds the file missing, and an interrupted write leaves
        // chunks with two hashes, which the next sync sees.
        foreach (var batch in Batches(documents))
        {
            await IndexAsync(IndexDocumentsBatch.MergeOrUpload(batch), d => d.Key, cancellationToken);
        }

        var current = documents.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        await DeleteAsync(existing.Where(k => !current.Contains(k)).ToList(), cancellationToken);
    }

    public async Task RemoveFileAsync(string filePath, CancellationToken cancellationToken) =>
        await DeleteAsync(await KeysOfFileAsync(filePath, cancellationToken), cancellationToken);

    public Task PublishAsync(CancellationToken cancellationToken)
    {
        // The service makes written documents searchable within about a second; nothing to swap here.
        _businessUnits = null;
        _ready = true;
        return Task.CompletedTask;
    }

    public async Task<bool> TryLoadExistingAsync(CancellationToken cancellationToken)
    {
        var existing = await GetIndexOrNullAsync(cancellationToken);
        // An index of an older bot may lack a field searches filter on (the tenant): the first sync adds it before it is served.
        if (existing is null
            || KnowledgeIndexSchema.IncompatibilityWith(existing, await DimensionsAsync(cancellationToken)) is not null
            || KnowledgeIndexSchema.ChunkFields.Any(name => existing.Fields.All(f => f.Name != name)))
        {
            return false;
        }

        var modelId = EmbeddingModel.Id(_embeddings);
        var usable = await CountAsync(Compare(KnowledgeIndexSchema.EmbeddingModel, "eq", modelId), cancellationToken);
        _ready = usable > 0;
        return _ready;
    }

    private async Task<IReadOnlyList<RetrievedPassage>> FilteredSearchAsync(string query, int top, KnowledgeFilter filter, CancellationToken cancellationToken)
    {
        if (!_ready || string.IsNullOrWhiteSpace(query) || top <= 0)
        {
            return [];
        }

        var queryVector = await _embeddings.GenerateVectorAsync(query, cancellationToken: cancellationToken);
        // The words the embedded index searches for: no query operators can reach the service from user text.
        var text = string.Join(' ', QueryText.Terms(query));
        var vectorQuery = new VectorizedQuery(queryVector) { KNearestNeighborsCount = Math.Max(_options.VectorCandidates, top) };
        vectorQuery.Fields.Add(KnowledgeIndexSchema.Embedding);
        var options = new SearchOptions
        {
            Size = top,
            Filter = ToODataFilter(filter),
            SearchMode = SearchMode.Any,
            VectorSearch = new VectorSearchOptions { Queries = { vectorQuery } },
        };
        foreach (var field in KnowledgeIndexSchema.ChunkFields)
        {
            options.Select.Add(field);
        }

        foreach (var field in KnowledgeIndexSchema.TextFields)
        {
            options.SearchFields.Add(field);
        }

        if (_options.SemanticRanker && text.Length > 0)
        {
            options.QueryType = SearchQueryType.Semantic;
            options.SemanticSearch = new SemanticSearchOptions { SemanticConfigurationName = KnowledgeIndexSchema.SemanticConfiguration };
        }

        var response = await _documents.SearchAsync<SearchChunkDocument>(text.Length == 0 ? null : text, options, cancellationToken);
        var passages = new List<RetrievedPassage>(top);
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken))
        {
            var score = result.SemanticSearch?.RerankerScore ?? result.Score ?? 0;
            passages.Add(new RetrievedPassage(result.Document.ToChunk(), Cosine(queryVector.Span, result.Document.Embedding), score)
            {
                SentenceRelevance = result.Document.SentenceVectors is { Length: > 0 } packed ? SentenceVectors.Relevance(Convert.FromBase64String(packed), queryVector.Span) : [],
            });
            if (passages.Count == top)
            {
                break;
            }
        }

        return passages;
    }

    /// <summary>The OData filter of a <see cref="KnowledgeFilter"/>; the business unit may come from user input and is escaped.</summary>
    internal static string ToODataFilter(KnowledgeFilter filter)
    {
        // What belongs to no tenant, and what belongs to the reader's (tenant ids are kept in lower case).
        var parts = new List<string>
        {
            filter.ReaderTenant is null
                ? $"{KnowledgeIndexSchema.Tenant} eq null"
                : $"({KnowledgeIndexSchema.Tenant} eq null or {Compare(KnowledgeIndexSchema.Tenant, "eq", filter.ReaderTenant.ToLowerInvariant())})",
        };
        if (filter.Kinds.Count > 0)
        {
            parts.Add("(" + string.Join(" or ", filter.Kinds.Select(k => Compare(KnowledgeIndexSchema.SourceKind, "eq", k.ToString()))) + ")");
        }

        if (filter.BusinessUnit is not null)
        {
            parts.Add(Compare(KnowledgeIndexSchema.BusinessUnit, "eq", filter.BusinessUnit));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>A comparison of a field with a string; the value is quoted and escaped by <see cref="SearchFilter.Create"/>.</summary>
    private static string Compare(string field, string comparison, string value) => $"{field} {comparison} {SearchFilter.Create($"{value}")}";

    private static double Cosine(ReadOnlySpan<float> query, float[]? vector) =>
        vector is null || vector.Length != query.Length ? 0 : TensorPrimitives.CosineSimilarity(query, vector);

    private async Task<List<string>> KeysOfFileAsync(string filePath, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var document in ReadByKeyAsync(Compare(KnowledgeIndexSchema.FilePath, "eq", filePath), [], cancellationToken))
        {
            keys.Add(document.Key);
        }

        return keys;
    }

    /// <summary>Every document the filter matches, in key order, paged by key rather than by skip (which the service caps at 100,000).</summary>
    private async IAsyncEnumerable<SearchChunkDocument> ReadByKeyAsync(
        string? filter,
        string[] fields,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? lastKey = null;
        while (true)
        {
            var after = lastKey is null ? null : Compare(KnowledgeIndexSchema.Key, "gt", lastKey);
            var options = new SearchOptions
            {
                Size = PageSize,
                Filter = (filter, after) switch
                {
                    (null, _) => after,
                    (_, null) => filter,
                    _ => $"({filter}) and {after}",
                },
                OrderBy = { KnowledgeIndexSchema.Key + " asc" },
                Select = { KnowledgeIndexSchema.Key },
            };
            foreach (var field in fields)
            {
                options.Select.Add(field);
            }

            var response = await _documents.SearchAsync<SearchChunkDocument>("*", options, cancellationToken);
            var count = 0;
            await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken))
            {
                lastKey = result.Document.Key;
                yield return result.Document;
                if (++count == PageSize)
                {
                    break;
                }
            }

            if (count < PageSize)
            {
                yield break;
            }
        }
    }

    private async Task<long> CountAsync(string filter, CancellationToken cancellationToken)
    {
        var response = await _documents.SearchAsync<SearchChunkDocument>("*", new SearchOptions { Size = 0, IncludeTotalCount = true, Filter = filter }, cancellationToken);
        return response.Value.TotalCount ?? 0;
    }

    private async Task DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(_options.BatchSize))
        {
            await IndexAsync(IndexDocumentsBatch.Delete(KnowledgeIndexSchema.Key, batch), d => (string)d[KnowledgeIndexSchema.Key], cancellationToken);
        }
    }

    /// <summary>Splits uploads by the document limit and by an estimate of the request size, so no request nears the service's 16 MB cap.</summary>
    private IEnumerable<List<SearchChunkDocument>> Batches(IReadOnlyList<SearchChunkDocument> documents)
    {
        var batch = new List<SearchChunkDocument>();
        var bytes = 0L;
        foreach (var document in documents)
        {
            var size = EstimatedBytes(document);
            if (batch.Count > 0 && (batch.Count == _options.BatchSize || bytes + size > MaxRequestBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(document);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static long EstimatedBytes(SearchChunkDocument document)
    {
        var text = document.Title.Length + document.HeadingPath.Length + document.Content.Length + (document.Keywords?.Length ?? 0)
            + document.Url.Length + document.FilePath.Length + document.SourceId.Length + document.ChunkKey.Length;
        // Text may grow sixfold when escaped (\uXXXX); a float is at most about 16 characters in JSON.
        return 512 + (6L * text) + (16L * (document.Embedding?.Length ?? 0));
    }

    /// <summary>
    /// Sends one batch; documents the service could not take for a passing reason (throttling, a concurrent write)
    /// are sent again with a growing pause, anything else fails the sync with the service's message.
    /// </summary>
    private async Task IndexAsync<T>(IndexDocumentsBatch<T> batch, Func<T, string> keyOf, CancellationToken cancellationToken)
    {
        var actions = batch.Actions.ToList();
        for (var attempt = 1; ; attempt++)
        {
            var pending = IndexDocumentsBatch.Create([.. actions]);
            var response = await _documents.IndexDocumentsAsync(pending, new IndexDocumentsOptions { ThrowOnAnyError = false }, cancellationToken);
            var failed = response.Value.Results.Where(r => !r.Succeeded).ToList();
            if (failed.Count == 0)
            {
                return;
            }

            var transient = failed.All(r => r.Status is 409 or 422 or 429 or 503);
            if (!transient || attempt == MaxIndexingAttempts)
            {
                throw new InvalidOperationException(
                    $"Azure AI Search index '{_indexName}' refused {failed.Count} of {actions.Count} documents (status {failed[0].Status}): {failed[0].ErrorMessage}");
            }

            var failedKeys = failed.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            actions = actions.Where(a => failedKeys.Contains(keyOf(a.Document))).ToList();
            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), _time, cancellationToken);
        }
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaChecked)
            {
                return;
            }

            var dimensions = await DimensionsAsync(cancellationToken);
            var existing = await GetIndexOrNullAsync(cancellationToken);
            if (existing is null)
            {
                await _indexes.CreateIndexAsync(KnowledgeIndexSchema.Define(_indexName, dimensions), cancellationToken);
                KnowledgeLog.SearchIndexCreated(_logger, _indexName, dimensions);
            }
            else if (KnowledgeIndexSchema.IncompatibilityWith(existing, dimensions) is { } reason)
            {
                await RecreateAsync(reason, dimensions, cancellationToken);
            }
            else
            {
                // Adds fields and configurations a newer bot defines; existing fields stay as they are.
                await _indexes.CreateOrUpdateIndexAsync(KnowledgeIndexSchema.Define(_indexName, dimensions), cancellationToken: cancellationToken);
            }

            _schemaChecked = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task RebuildAsync(string reason, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            await RecreateAsync(reason, await DimensionsAsync(cancellationToken), cancellationToken);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task RecreateAsync(string reason, int dimensions, CancellationToken cancellationToken)
    {
        KnowledgeLog.SearchIndexRebuilt(_logger, _indexName, reason);
        _ready = false;
        _businessUnits = null;
        try
        {
            await _indexes.DeleteIndexAsync(_indexName, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        await _indexes.CreateIndexAsync(KnowledgeIndexSchema.Define(_indexName, dimensions), cancellationToken);
    }

    private async Task<SearchIndex?> GetIndexOrNullAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _indexes.GetIndexAsync(_indexName, cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<int> DimensionsAsync(CancellationToken cancellationToken) =>
        _dimensions ??= await EmbeddingModel.DimensionsAsync(_embeddings, cancellationToken);

    private sealed record CachedUnits(IReadOnlyList<string> Units, DateTimeOffset Expires);
}
