using Microsoft.Extensions.AI;

namespace AdoptionBot.Knowledge.Embeddings;

/// <summary>What an index needs to know about the embedding model: its identity and the length of its vectors.</summary>
public static class EmbeddingModel
{
    /// <summary>Identifies the model; an index built with another model is rebuilt from scratch.</summary>
    public static string Id(IEmbeddingGenerator<string, Embedding<float>> generator) =>
        generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().FullName!;

    /// <summary>True for the embedded default, all-MiniLM-L6-v2, which was trained on English text only.</summary>
    public static bool ReadsOnlyEnglish(IEmbeddingGenerator<string, Embedding<float>> generator) => Id(generator) == MiniLmEmbeddingGenerator.ModelId;

    /// <summary>The vector length from the model's metadata, or from embedding one short text when the metadata does not say.</summary>
    public static async Task<int> DimensionsAsync(IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken)
    {
        if (generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions is > 0 and var dimensions)
        {
            return dimensions;
        }

        var probe = await generator.GenerateVectorAsync("dimension probe", cancellationToken: cancellationToken);
        return probe.Length;
    }
}
