using Microsoft.Extensions.AI;

namespace AdoptionBot.AI;

/// <summary>
/// A cloud embedding generator that reports who made its vectors: provider and deployment (and shortened length) as
/// the model id. The knowledge index stores that id and rebuilds itself when it changes. A question's embedding must
/// come back within <paramref name="questionTimeout"/>, so a slow model service cannot hold a Teams turn past its
/// limit; batches for indexing get <paramref name="batchTimeout"/>. Either throws <see cref="TimeoutException"/>.
/// </summary>
internal sealed class NamedEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> inner,
    EmbeddingGeneratorMetadata metadata,
    TimeSpan questionTimeout,
    TimeSpan batchTimeout,
    TimeProvider time)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyCollection<string> ?? values.ToList();
        var limit = texts.Count <= 1 ? questionTimeout : batchTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await base.GenerateAsync(texts, options, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The embedding model {metadata.DefaultModelId} did not answer within {limit.TotalSeconds:0.#} s.");
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : base.GetService(serviceType, serviceKey);
}
