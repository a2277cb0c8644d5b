using System.Runtime.InteropServices;

namespace AdoptionBot.Knowledge.Retrieval;

/// <summary>
/// A chunk's sentence embeddings as stored beside it: one row of half-precision numbers per sentence (half the size
/// of single precision; a cosine needs no more), and the question's similarity to each of them.
/// </summary>
public static class SentenceVectors
{
    public static byte[] Pack(IReadOnlyList<ReadOnlyMemory<float>> vectors)
    {
        var dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        var packed = new Half[vectors.Count * dimensions];
        for (var row = 0; row < vectors.Count; row++)
        {
            var vector = vectors[row].Span;
            for (var i = 0; i < dimensions && i < vector.Length; i++)
            {
                packed[(row * dimensions) + i] = (Half)vector[i];
            }
        }

        return MemoryMarshal.AsBytes(packed.AsSpan()).ToArray();
    }

    /// <summary>The cosine of <paramref name="query"/> (normalised, as the embedding models give it) with each packed sentence; empty when the sizes do not fit.</summary>
    public static double[] Relevance(ReadOnlySpan<byte> packed, ReadOnlySpan<float> query)
    {
        var halves = MemoryMarshal.Cast<byte, Half>(packed);
        if (query.Length == 0 || halves.Length == 0 || halves.Length % query.Length != 0)
        {
            return [];
        }

        var rows = halves.Length / query.Length;
        var result = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var vector = halves.Slice(row * query.Length, query.Length);
            double dot = 0, norm = 0;
            for (var i = 0; i < vector.Length; i++)
            {
                var value = (float)vector[i];
                dot += value * query[i];
                norm += value * value;
            }

            result[row] = norm == 0 ? 0 : dot / Math.Sqrt(norm);
        }

        return result;
    }
}
