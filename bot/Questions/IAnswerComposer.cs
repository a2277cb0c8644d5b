using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Questions;

/// <summary>Turns retrieved passages into an answer. Returns null when the passages do not answer the question.</summary>
public interface IAnswerComposer
{
    Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken);
}

/// <summary>A composer that can show its answer while it is being written.</summary>
public interface IStreamingAnswerComposer : IAnswerComposer
{
    /// <summary>False when streaming is turned off; the caller then sends one message.</summary>
    bool CanStream { get; }

    Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, IAnswerStream stream, CancellationToken cancellationToken);
}

/// <summary>Where a streaming composer shows progress: a status line, then the answer text as it grows.</summary>
public interface IAnswerStream
{
    Task InformAsync(string status, CancellationToken cancellationToken);

    /// <summary>The whole answer written so far (each call extends the previous text).</summary>
    Task WriteAsync(string textSoFar, CancellationToken cancellationToken);
}
