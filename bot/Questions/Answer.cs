using AdoptionBot.Knowledge;

namespace AdoptionBot.Questions;

/// <summary>A cited source: the number used in the answer text as [n], the chunk, and the excerpt shown in Teams.</summary>
public sealed record Citation(int Number, KnowledgeChunk Chunk, string Excerpt);

/// <summary>What a composer made of the passages: the text with [n] markers and the citations those markers refer to.</summary>
public sealed record ComposedAnswer(string Text, IReadOnlyList<Citation> Citations);

/// <summary>The bot's answer to a question.</summary>
public sealed record Answer(string Outcome, string Text, IReadOnlyList<Citation> Citations, double TopRelevance)
{
    /// <summary>The evidence model's probability that the passages answer the question (0 when it was not asked).</summary>
    public double Confidence { get; init; }

    public bool IsCovered => Outcome == AnswerOutcomes.Answered;
}
