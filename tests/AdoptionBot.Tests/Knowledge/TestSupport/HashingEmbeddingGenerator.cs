using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace AdoptionBot.Tests.Knowledge.TestSupport;

/// <summary>
/// A deterministic stand-in for the embedding model: each word is hashed into one of <see cref="Dimensions"/> buckets
/// and the counts are normalised. Words listed in the synonym map share a bucket with their target, so a test can
/// make two texts close in "meaning" without sharing a word; words with digits are invisible to it, so a test can
/// make a text findable only by its words. Every text embedded is recorded.
/// </summary>
public sealed partial class HashingEmbeddingGenerator(string modelId = HashingEmbeddingGenerator.DefaultModelId, IReadOnlyDictionary<string, string>? synonyms = null)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string DefaultModelId = "hashing-test-model";
    public const int Dimensions = 256;

    private readonly ConcurrentQueue<string> _embedded = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("test", null, modelId, Dimensions);
    private int _calls;

    /// <summary>Runs before each call with the texts about to be embedded; a test uses it to hold a sync midway.</summary>
    public Func<IReadOnlyList<string>, Task>? BeforeGenerate { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<string> EmbeddedTexts => [.. _embedded];

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        if (BeforeGenerate is { } hook)
        {
            await hook(texts);
        }

        Interlocked.Increment(ref _calls);
        foreach (var text in texts)
        {
            _embedded.Enqueue(text);
        }

        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(Vector(t)) { ModelId = modelId }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private float[] Vector(string text)
    {
        var vector = new float[Dimensions];
        foreach (Match match in Word().Matches(text.ToLowerInvariant()))
        {
            var word = match.Value;
            if (word.Any(char.IsDigit))
            {
                continue;
            }

            if (synonyms is not null && synonyms.TryGetValue(word, out var concept))
            {
                word = concept;
            }

            vector[Bucket(word)] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    private static int Bucket(string word)
    {
        // FNV-1a: stable across runs, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Dimensions);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
