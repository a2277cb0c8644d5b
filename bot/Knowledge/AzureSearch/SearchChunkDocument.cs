using System.Text.Json.Serialization;

namespace AdoptionBot.Knowledge.AzureSearch;

/// <summary>One chunk as a document of the Azure AI Search index; the property names are the index's field names.</summary>
public sealed class SearchChunkDocument
{
    [JsonPropertyName(KnowledgeIndexSchema.Key)]
    public string Key { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.ChunkKey)]
    public string ChunkKey { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.SourceId)]
    public string SourceId { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.FilePath)]
    public string FilePath { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.SourceKind)]
    public string SourceKind { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.Title)]
    public string Title { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.HeadingPath)]
    public string HeadingPath { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.Content)]
    public string Content { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.Keywords)]
    public string? Keywords { get; set; }

    [JsonPropertyName(KnowledgeIndexSchema.Url)]
    public string Url { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.BusinessUnit)]
    public string? BusinessUnit { get; set; }

    [JsonPropertyName(KnowledgeIndexSchema.Stage)]
    public string? Stage { get; set; }

    [JsonPropertyName(KnowledgeIndexSchema.Tenant)]
    public string? Tenant { get; set; }

    [JsonPropertyName(KnowledgeIndexSchema.ContentHash)]
    public string ContentHash { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.EmbeddingModel)]
    public string EmbeddingModel { get; set; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.Embedding)]
    public float[]? Embedding { get; set; }

    [JsonPropertyName(KnowledgeIndexSchema.SentenceVectors)]
    public string? SentenceVectors { get; set; }

    public static SearchChunkDocument From(string filePath, string contentHash, string embeddingModel, Retrieval.EmbeddedChunk chunk) => new()
    {
        Key = KnowledgeIndexSchema.DocumentKey(filePath, chunk.Chunk.ChunkKey),
        ChunkKey = chunk.Chunk.ChunkKey,
        SourceId = chunk.Chunk.SourceId,
        FilePath = filePath,
        SourceKind = chunk.Chunk.Kind.ToString(),
        Title = chunk.Chunk.Title,
        HeadingPath = chunk.Chunk.HeadingPath,
        Content = chunk.Chunk.Text,
        Keywords = chunk.Chunk.Keywords,
        Url = chunk.Chunk.Url,
        BusinessUnit = chunk.Chunk.BusinessUnit,
        Stage = chunk.Chunk.Stage,
        Tenant = chunk.Chunk.Tenant?.ToLowerInvariant(),
        ContentHash = contentHash,
        EmbeddingModel = embeddingModel,
        Embedding = chunk.Vector.ToArray(),
        SentenceVectors = chunk.SentenceVectors.Count == 0 ? null : Convert.ToBase64String(Retrieval.SentenceVectors.Pack(chunk.SentenceVectors)),
    };

    public KnowledgeChunk ToChunk() => new(
        ChunkKey,
        SourceId,
        FilePath,
        Enum.TryParse<SourceKind>(SourceKind, out var kind) ? kind : Knowledge.SourceKind.Guideline,
        Title,
        HeadingPath,
        Content,
        Url,
        BusinessUnit,
        Stage,
        Keywords,
        Tenant);
}
