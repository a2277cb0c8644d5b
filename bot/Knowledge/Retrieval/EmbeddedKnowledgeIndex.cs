using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Retrieval;

/// <summary>
/// The embedded default index: one SQLite file holds the chunks, their embeddings and an FTS5 table (BM25);
/// the embeddings are also kept in memory as one snapshot for exact cosine search. Writers change the file in
/// one transaction per source file; readers keep using the previous snapshot until <see cref="PublishAsync"/>
/// swaps in the new one, so answering goes on during re-indexing.
/// </summary>
public sealed class EmbeddedKnowledgeIndex : IKnowledgeIndex
{
    private const int CandidatesPerRanker = 40;
    private const double RrfK = 60;
    private const int SchemaVersion = 3;
    private const int MaxTermsChecked = 16;

    private readonly string _connectionString;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private volatile IndexSnapshot? _snapshot;
    private bool _initialized;

    public EmbeddedKnowledgeIndex(IOptions<KnowledgeOptions> options, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        var file = options.Value.ResolvedIndexFile;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
        _embeddings = embeddings;
    }

    public string EmbeddingModelId => Embeddings.EmbeddingModel.Id(_embeddings);

    public bool ReadsOnlyEnglish => Embeddings.EmbeddingModel.ReadsOnlyEnglish(_embeddings);

    public bool IsReady => _snapshot is not null;

    public int ChunkCount => _snapshot?.Chunks.Length ?? 0;

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
        FilteredSearchAsync(query, top, KnowledgeFilter.Shared, cancellationToken);

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, KnowledgeFilter filter, CancellationToken cancellationToken) =>
        FilteredSearchAsync(query, top, filter, cancellationToken);

    private async Task<IReadOnlyList<RetrievedPassage>> FilteredSearchAsync(string query, int top, KnowledgeFilter filter, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null || snapshot.Chunks.Length == 0 || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var embedding = await _embeddings.GenerateVectorAsync(query, cancellationToken: cancellationToken);
        var queryVector = embedding.ToArray();
        var dense = snapshot.TopByCosine(queryVector, CandidatesPerRanker, filter);
        // A filter drops some lexical candidates after the query, so it asks for more of them.
        var narrows = filter.NarrowsKindOrUnit || snapshot.HasTenantChunks;
        var lexical = LexicalSearch(QueryText.ToFtsQuery(query), narrows ? CandidatesPerRanker * 5 : CandidatesPerRanker)
            .Select(id => snapshot.IndexOf(id))
            .Where(i => i >= 0 && filter.Matches(snapshot.Chunks[i]))
            .Take(CandidatesPerRanker)
            .ToList();

        // Reciprocal rank fusion: each ranker contributes 1 / (k + rank) for the chunks it found.
        var fused = new Dictionary<int, double>();
        for (var rank = 0; rank < dense.Count; rank++)
        {
            fused[dense[rank]] = 1 / (RrfK + rank + 1);
        }

        for (var rank = 0; rank < lexical.Count; rank++)
        {
            fused[lexical[rank]] = fused.GetValueOrDefault(lexical[rank]) + 1 / (RrfK + rank + 1);
        }

        var best = fused.OrderByDescending(kv => kv.Value).Take(top).ToList();
        var sentences = SentenceRelevance(best.Select(kv => snapshot.IdAt(kv.Key)).ToList(), queryVector);
        return best
            .Select(kv => new RetrievedPassage(snapshot.Chunks[kv.Key], snapshot.Cosine(kv.Key, queryVector), kv.Value)
            {
                SentenceRelevance = sentences.GetValueOrDefault(snapshot.IdAt(kv.Key)) ?? [],
            })
            .ToList();
    }

    /// <summary>The question's similarity to each sentence of the found chunks, read from the file (they are not kept in memory).</summary>
    private Dictionary<long, double[]> SentenceRelevance(IReadOnlyList<long> ids, float[] queryVector)
    {
        var result = new Dictionary<long, double[]>(ids.Count);
        if (ids.Count == 0)
        {
            return result;
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, sentence_vectors FROM chunks WHERE id IN ({string.Join(',', ids.Select((_, i) => "$id" + i))}) AND sentence_vectors IS NOT NULL";
        for (var i = 0; i < ids.Count; i++)
        {
            command.Parameters.AddWithValue("$id" + i, ids[i]);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetInt64(0)] = SentenceVectors.Relevance((byte[])reader.GetValue(1), queryVector);
        }

        return result;
    }

    public Task<IReadOnlyList<string>> GetBusinessUnitsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_snapshot?.BusinessUnits ?? []);

    public async Task<IReadOnlyList<string>> FindUnknownTermsAsync(string query, CancellationToken cancellationToken)
    {
        if (_snapshot is null)
        {
            return [];
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        // The FTS5 tokenizer stems the term exactly as it stemmed the documents.
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH $term)";
        var term = command.Parameters.Add("$term", SqliteType.Text);
        var unknown = new List<string>();
        foreach (var word in QueryText.Terms(query).Where(t => t.Length >= 3 && t.Any(char.IsLetter)).Take(MaxTermsChecked))
        {
            term.Value = "\"" + word.Replace("\"", "", StringComparison.Ordinal) + "\"";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                unknown.Add(word);
            }
        }

        return unknown;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetFileHashesAsync(string embeddingModelId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var storedModel = Scalar(connection, "SELECT value FROM meta WHERE key = 'model'");
        var storedSchema = Scalar(connection, "SELECT value FROM meta WHERE key = 'schema'");
        if (storedModel != embeddingModelId || storedSchema != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Execute(connection, "DELETE FROM chunks; DELETE FROM chunks_fts; DELETE FROM files;");
            Execute(connection, "INSERT OR REPLACE INTO meta(key, value) VALUES ('model', $model), ('schema', $schema)", ("$model", embeddingModelId), ("$schema", SchemaVersion));
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path, hash FROM files";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    public async Task ReplaceFileAsync(string filePath, string contentHash, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        DeleteFile(connection, filePath);
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO chunks(chunk_key, file_path, source_id, kind, title, heading_path, text, url, business_unit, stage, keywords, tenant, embedding, sentence_vectors)
            VALUES ($key, $file, $source, $kind, $title, $heading, $text, $url, $unit, $stage, $keywords, $tenant, $embedding, $sentences);
            INSERT INTO chunks_fts(rowid, title, heading, body, keywords) VALUES (last_insert_rowid(), $title, $heading, $text, $keywords);
            """;
        foreach (var embedded in chunks)
        {
            var (chunk, vector) = embedded;
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$key", chunk.ChunkKey);
            insert.Parameters.AddWithValue("$file", filePath);
            insert.Parameters.AddWithValue("$source", chunk.SourceId);
            insert.Parameters.AddWithValue("$kind", chunk.Kind.ToString());
            insert.Parameters.AddWithValue("$title", chunk.Title);
            insert.Parameters.AddWithValue("$heading", chunk.HeadingPath);
            insert.Parameters.AddWithValue("$text", chunk.Text);
            insert.Parameters.AddWithValue("$url", chunk.Url);
            insert.Parameters.AddWithValue("$unit", (object?)chunk.BusinessUnit ?? DBNull.Value);
            insert.Parameters.AddWithValue("$stage", (object?)chunk.Stage ?? DBNull.Value);
            insert.Parameters.AddWithValue("$keywords", chunk.Keywords ?? "");
            insert.Parameters.AddWithValue("$tenant", (object?)chunk.Tenant ?? DBNull.Value);
            insert.Parameters.AddWithValue("$embedding", MemoryMarshal.AsBytes(vector.Span).ToArray());
            insert.Parameters.AddWithValue("$sentences", embedded.SentenceVectors.Count == 0 ? DBNull.Value : SentenceVectors.Pack(embedded.SentenceVectors));
            insert.ExecuteNonQuery();
        }

        Execute(connection, "INSERT OR REPLACE INTO files(path, hash, chunk_count) VALUES ($path, $hash, $count)", ("$path", filePath), ("$hash", contentHash), ("$count", chunks.Count));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveFileAsync(string filePath, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        DeleteFile(connection, filePath);
        Execute(connection, "DELETE FROM files WHERE path = $path", ("$path", filePath));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        _snapshot = IndexSnapshot.Load(connection);
    }

    public async Task<bool> TryLoadExistingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // An index written in an older layout lacks what searches now rely on (the tenant of an idea): rebuild it first.
        if (Scalar(connection, "SELECT value FROM meta WHERE key = 'schema'") != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        var snapshot = IndexSnapshot.Load(connection);
        if (snapshot.Chunks.Length == 0)
        {
            return false;
        }

        _snapshot = snapshot;
        return true;
    }

    private List<long> LexicalSearch(string? ftsQuery, int top)
    {
        if (ftsQuery is null)
        {
            return [];
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // Column weights: title, heading path, body, keywords.
        command.CommandText = "SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH $q ORDER BY bm25(chunks_fts, 4.0, 2.0, 1.0, 3.0) LIMIT $top";
        command.Parameters.AddWithValue("$q", ftsQuery);
        command.Parameters.AddWithValue("$top", top);
        var ids = new List<long>(top);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_initialized)
        {
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, hash TEXT NOT NULL, chunk_count INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS chunks(
                    id INTEGER PRIMARY KEY, chunk_key TEXT NOT NULL, file_path TEXT NOT NULL, source_id TEXT NOT NULL, kind TEXT NOT NULL,
                    title TEXT NOT NULL, heading_path TEXT NOT NULL, text TEXT NOT NULL, url TEXT NOT NULL,
                    business_unit TEXT, stage TEXT, keywords TEXT NOT NULL, tenant TEXT, embedding BLOB NOT NULL, sentence_vectors BLOB);
                CREATE INDEX IF NOT EXISTS ix_chunks_file ON chunks(file_path);
                CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(title, heading, body, keywords, tokenize = 'porter unicode61 remove_diacritics 2');
                """);
            // Columns of later layouts; an index of an earlier one is cleared and rebuilt by the next sync (see GetFileHashesAsync).
            foreach (var (column, type) in new[] { ("tenant", "TEXT"), ("sentence_vectors", "BLOB") })
            {
                if (Scalar(connection, $"SELECT name FROM pragma_table_info('chunks') WHERE name = '{column}'") is null)
                {
                    Execute(connection, $"ALTER TABLE chunks ADD COLUMN {column} {type}");
                }
            }

            _initialized = true;
        }

        return connection;
    }

    private static void DeleteFile(SqliteConnection connection, string filePath)
    {
        Execute(connection, "DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE file_path = $path); DELETE FROM chunks WHERE file_path = $path;", ("$path", filePath));
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    /// <summary>An immutable copy of all chunks and their vectors (row-major, one row per chunk).</summary>
    private sealed class IndexSnapshot(long[] ids, KnowledgeChunk[] chunks, float[] vectors, int dimensions)
    {
        private readonly Dictionary<long, int> _positions = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

        public KnowledgeChunk[] Chunks { get; } = chunks;

        public IReadOnlyList<string> BusinessUnits { get; } = chunks
            .Where(c => c.Kind == SourceKind.UseCase && !string.IsNullOrWhiteSpace(c.BusinessUnit))
            .Select(c => c.BusinessUnit!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

        public bool HasTenantChunks { get; } = chunks.Any(c => c.Tenant is not null);

        public int IndexOf(long id) => _positions.TryGetValue(id, out var i) ? i : -1;

        public long IdAt(int index) => ids[index];

        public double Cosine(int index, ReadOnlySpan<float> query) =>
            dimensions == query.Length ? TensorPrimitives.Dot(vectors.AsSpan(index * dimensions, dimensions), query) : 0;

        public List<int> TopByCosine(ReadOnlySpan<float> query, int top, KnowledgeFilter filter)
        {
            if (dimensions != query.Length)
            {
                return [];
            }

            var best = new PriorityQueue<int, float>(top + 1);
            for (var i = 0; i < Chunks.Length; i++)
            {
                if (!filter.Matches(Chunks[i]))
                {
                    continue;
                }

                var score = TensorPrimitives.Dot(vectors.AsSpan(i * dimensions, dimensions), query);
                if (best.Count < top)
                {
                    best.Enqueue(i, score);
                }
                else if (best.TryPeek(out _, out var lowest) && score > lowest)
                {
                    best.DequeueEnqueue(i, score);
                }
            }

            var result = new List<int>(best.Count);
            while (best.Count > 0)
            {
                result.Add(best.Dequeue());
            }

            result.Reverse();
            return result;
        }

        public static IndexSnapshot Load(SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, chunk_key, source_id, file_path, kind, title, heading_path, text, url, business_unit, stage, keywords, tenant, embedding FROM chunks ORDER BY id";
            var ids = new List<long>();
            var chunks = new List<KnowledgeChunk>();
            var vectors = new List<float>();
            var dimensions = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var vector = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(13));
                if (dimensions == 0)
                {
                    dimensions = vector.Length;
                }

                if (vector.Length != dimensions)
                {
                    continue;
                }

                ids.Add(reader.GetInt64(0));
                chunks.Add(new KnowledgeChunk(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3), Enum.Parse<SourceKind>(reader.GetString(4)),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetString(11),
                    reader.IsDBNull(12) ? null : reader.GetString(12)));
                vectors.AddRange(vector);
            }

            return new IndexSnapshot([.. ids], [.. chunks], [.. vectors], dimensions);
        }
    }
}
