using Microsoft.Extensions.AI;

namespace AdoptionBot.AI;

/// <summary>
/// A cloud embedding generator that reports who made its vectors: provider and deployment (and shortened length) as
/// the model id. The knowledge index stores that id and rebuilds itself when it changes.
/// </summary>
internal sealed class NamedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingGeneratorMetadata metadata)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : base.GetService(serviceType, serviceKey);
}
