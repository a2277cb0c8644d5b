using System.Security.Cryptography;
using System.Text;
using Azure.Search.Documents.Indexes.Models;

namespace AdoptionBot.Knowledge.AzureSearch;

/// <summary>The field names and the definition of the knowledge index in Azure AI Search.</summary>
public static class KnowledgeIndexSchema
{
    public const string Key = "key";
    public const string ChunkKey = "chunkKey";
    public const string SourceId = "sourceId";
    public const string FilePath = "filePath";
    public const string SourceKind = "sourceKind";
    public const string Title = "title";
    public const string HeadingPath = "headingPath";
    public const string Content = "content";
    public const string Keywords = "keywords";
    public const string Url = "url";
    public const string BusinessUnit = "businessUnit";
    public const string Tenant = "tenant";
    public const string Stage = "stage";
    public const string ContentHash = "contentHash";
    public const string EmbeddingModel = "embeddingModel";
    public const string Embedding = "embedding";

    /// <summary>The chunk's sentence embeddings, packed (<see cref="Retrieval.SentenceVectors"/>) as base64: read, never searched.</summary>
    public const string SentenceVectors = "sentenceVectors";

    public const string VectorProfile = "knowledge-vector-profile";
    public const string VectorAlgorithm = "knowledge-hnsw";
    public const string SemanticConfiguration = "knowledge-semantic";

    /// <summary>The fields a search reads back to rebuild a chunk (everything but the bookkeeping fields).</summary>
    public static readonly string[] ChunkFields = [ChunkKey, SourceId, FilePath, SourceKind, Title, HeadingPath, Content, Keywords, Url, BusinessUnit, Stage, Tenant, Embedding, SentenceVectors];

    /// <summary>The text fields a query word is looked for in.</summary>
    public static readonly string[] TextFields = [Title, HeadingPath, Content, Keywords];

    /// <summary>
    /// A document key that the service accepts (letters, digits, dash, underscore) for any file path and chunk key:
    /// the SHA-256 of both, so the same chunk key in two files yields two documents.
    /// </summary>
    public static string DocumentKey(string filePath, string chunkKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(filePath + "\n" + chunkKey)));

    public static SearchIndex Define(string name, int dimensions)
    {
        var analyzer = LexicalAnalyzerName.EnMicrosoft;
        var index = new SearchIndex(name)
        {
            Fields =
            {
                new SimpleField(Key, SearchFieldDataType.String) { IsKey = true, IsFilterable = true, IsSortable = true },
                new SimpleField(ChunkKey, SearchFieldDataType.String),
                new SimpleField(SourceId, SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField(FilePath, SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField(SourceKind, SearchFieldDataType.String) { IsFilterable = true, IsFacetable = true },
                new SearchableField(Title) { AnalyzerName = analyzer },
                new SearchableField(HeadingPath) { AnalyzerName = analyzer },
                new SearchableField(Content) { AnalyzerName = analyzer },
                new SearchableField(Keywords) { AnalyzerName = analyzer },
                new SimpleField(Url, SearchFieldDataType.String),
                new SimpleField(BusinessUnit, SearchFieldDataType.String) { IsFilterable = true, IsFacetable = true },
                new SimpleField(Stage, SearchFieldDataType.String) { IsFilterable = true, IsFacetable = true },
                new SimpleField(Tenant, SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField(ContentHash, SearchFieldDataType.String),
                new SimpleField(SentenceVectors, SearchFieldDataType.String),
                new SimpleField(EmbeddingModel, SearchFieldDataType.String) { IsFilterable = true },
                // Retrievable: the bot computes the question's cosine similarity to each result itself (see AzureAISearchIndex).
                new VectorSearchField(Embedding, dimensions, VectorProfile) { IsHidden = false },
            },
            VectorSearch = new VectorSearch
            {
                Algorithms = { new HnswAlgorithmConfiguration(VectorAlgorithm) { Parameters = new HnswParameters { Metric = VectorSearchAlgorithmMetric.Cosine } } },
                Profiles = { new VectorSearchProfile(VectorProfile, VectorAlgorithm) },
            },
            SemanticSearch = new SemanticSearch
            {
                Configurations =
                {
                    new SemanticConfiguration(SemanticConfiguration, new SemanticPrioritizedFields
                    {
                        TitleField = new SemanticField(Title),
                        ContentFields = { new SemanticField(Content), new SemanticField(HeadingPath) },
                        KeywordsFields = { new SemanticField(Keywords) },
                    }),
                },
            },
        };
        return index;
    }

    /// <summary>Why the existing index cannot be updated in place to the wanted definition, or null when it can.</summary>
    public static string? IncompatibilityWith(SearchIndex existing, int dimensions)
    {
        var vector = existing.Fields.FirstOrDefault(f => f.Name == Embedding);
        if (vector is null)
        {
            return "it has no vector field";
        }

        if (vector.VectorSearchDimensions != dimensions)
        {
            return $"its vectors have {vector.VectorSearchDimensions} dimensions and the embedding model gives {dimensions}";
        }

        var key = existing.Fields.FirstOrDefault(f => f.IsKey == true);
        if (key?.Name != Key)
        {
            return $"its key field is '{key?.Name}', not '{Key}'";
        }

        var wanted = Define(existing.Name, dimensions).Fields.ToDictionary(f => f.Name);
        foreach (var field in existing.Fields)
        {
            if (wanted.TryGetValue(field.Name, out var want) && (want.Type != field.Type || (want.IsFilterable == true && field.IsFilterable != true) || (want.IsFacetable == true && field.IsFacetable != true)))
            {
                return $"its field '{field.Name}' is defined differently";
            }
        }

        return null;
    }
}
