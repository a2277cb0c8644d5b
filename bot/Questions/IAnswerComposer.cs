using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Questions;

/// <summary>Turns retrieved passages into an answer. Returns null when the passages do not answer the question.</summary>
public interface IAnswerComposer
{
    Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken);
}
