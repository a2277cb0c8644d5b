namespace AdoptionBot.Questions.Evidence;

/// <summary>
/// A logistic model over <see cref="AnswerEvidence"/>: the probability that the passages answer the question. Its
/// coefficients were fitted by the evaluation's calibrate command on one world and are reported on the other
/// (docs/benchmarks.md), for the embedded default's embedding model.
/// </summary>
/// <param name="EmbeddingModelId">The embedding model whose similarities it was fitted on: with another, the cosines mean something else and it does not apply.</param>
public sealed record EvidenceModel(double Intercept, IReadOnlyList<double> Coefficients, string EmbeddingModelId)
{
    public static EvidenceModel Default { get; } = new(-4.990, [2.248, 0.981, -0.393, 1.511, 2.992, -1.512, 2.494], Knowledge.Embeddings.MiniLmEmbeddingGenerator.ModelId);

    public double Confidence(AnswerEvidence evidence)
    {
        var z = Intercept;
        var values = evidence.Values;
        for (var i = 0; i < values.Count && i < Coefficients.Count; i++)
        {
            z += Coefficients[i] * values[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }
}
