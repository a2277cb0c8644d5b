using System.Text;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace AdoptionBot.AI;

/// <summary>
/// Has the language model write the answer from the retrieved passages, then keeps only the citations of passages
/// that exist, renumbered. An answer that cites none, or the model's "not covered", means not covered. When the model
/// fails or does not answer within AI:TimeoutSeconds, the extracted answer is returned instead, marked as such; the
/// failure is logged and counted, never thrown.
/// </summary>
public sealed class GeneratedAnswerComposer(
    IChatCompletionService chat,
    AnswerPrompt prompt,
    ExtractiveAnswerComposer extractive,
    GenerationMetrics metrics,
    IOptions<AIOptions> options,
    TimeProvider time,
    ILogger<GeneratedAnswerComposer> logger) : IStreamingAnswerComposer
{
    /// <summary>The line added under an extracted answer sent because the model was not available.</summary>
    public const string FallbackNote = "_Written from the matching passages; the AI answer was not available._";

    public const string InformativeStatus = "Reading the matching guidelines and writing an answer…";

    public bool CanStream => options.Value.Streaming;

    public Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken) =>
        ComposeCoreAsync(question, passages, null, cancellationToken);

    public Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, IAnswerStream stream, CancellationToken cancellationToken) =>
        ComposeCoreAsync(question, passages, stream, cancellationToken);

    private async Task<ComposedAnswer?> ComposeCoreAsync(string question, IReadOnlyList<RetrievedPassage> passages, IAnswerStream? stream, CancellationToken cancellationToken)
    {
        if (passages.Count == 0)
        {
            return null;
        }

        var settings = options.Value;
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string text;
        try
        {
            var history = prompt.Build(question, passages);
            text = stream is null
                ? await CompleteAsync(history, linked.Token)
                : await StreamAsync(history, stream, timeout, linked.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A timed-out call surfaces as a cancellation, or wrapped in the connector's exception type.
            var timedOut = timeout.IsCancellationRequested;
            if (timedOut)
            {
                AILog.TimedOut(logger, settings.TimeoutSeconds);
            }
            else
            {
                AILog.Failed(logger, exception.GetType().Name, exception);
            }

            return await FallBackAsync(question, passages, timedOut ? GenerationOutcomes.FallbackTimeout : GenerationOutcomes.FallbackError, started, stream is not null, cancellationToken);
        }

        var cited = CitedAnswer.Parse(text, passages.Count);
        var outcome = cited is not null ? GenerationOutcomes.Generated
            : CitedAnswer.SaysNotCovered(text) ? GenerationOutcomes.NotCovered
            : GenerationOutcomes.NoCitation;
        Record(outcome, started, passages.Count, cited?.PassageNumbers.Count ?? 0, stream is not null);
        if (cited is null)
        {
            return null;
        }

        var citations = cited.PassageNumbers
            .Select((passage, i) => new Citation(i + 1, passages[passage - 1].Chunk, Excerpt(passages[passage - 1], question)))
            .ToList();
        return new ComposedAnswer(cited.Text, citations);
    }

    private async Task<string> CompleteAsync(ChatHistory history, CancellationToken cancellationToken)
    {
        var reply = await chat.GetChatMessageContentAsync(history, ExecutionSettings(), cancellationToken: cancellationToken);
        return reply.Content ?? "";
    }

    private async Task<string> StreamAsync(ChatHistory history, IAnswerStream stream, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        await stream.InformAsync(InformativeStatus, cancellationToken);
        var text = new StringBuilder();
        var receiving = false;
        await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, ExecutionSettings(), cancellationToken: cancellationToken))
        {
            if (string.IsNullOrEmpty(update.Content))
            {
                continue;
            }

            if (!receiving)
            {
                // The first words arrived in time: the rest of the answer may take longer, up to the stream limit.
                receiving = true;
                timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.StreamTimeoutSeconds));
            }

            text.Append(update.Content);
            var soFar = text.ToString().TrimStart();
            if (!MayBecomeNotCovered(soFar))
            {
                await stream.WriteAsync(soFar, cancellationToken);
            }
        }

        return text.ToString();
    }

    private async Task<ComposedAnswer?> FallBackAsync(string question, IReadOnlyList<RetrievedPassage> passages, string outcome, long started, bool streamed, CancellationToken cancellationToken)
    {
        var extracted = await extractive.ComposeAsync(question, passages, cancellationToken);
        Record(outcome, started, passages.Count, extracted?.Citations.Count ?? 0, streamed);
        return extracted is null ? null : extracted with { Text = extracted.Text + "\n\n" + FallbackNote };
    }

    private void Record(string outcome, long started, int passages, int citations, bool streamed)
    {
        var elapsed = time.GetElapsedTime(started);
        metrics.Record(outcome, elapsed);
        AILog.Generated(logger, outcome, (long)elapsed.TotalMilliseconds, passages, citations, streamed);
    }

    private OpenAIPromptExecutionSettings ExecutionSettings() => new()
    {
        MaxTokens = options.Value.MaxOutputTokens,
        Temperature = options.Value.Temperature,
    };

    // Text that is, or may still turn into, the not-covered reply is not shown while streaming.
    private static bool MayBecomeNotCovered(string soFar) =>
        CitedAnswer.SaysNotCovered(soFar) || CitedAnswer.NotCoveredReply.StartsWith(soFar.TrimStart('*', '_', ' ', '"'), StringComparison.OrdinalIgnoreCase);

    private static string Excerpt(RetrievedPassage passage, string question) => ExtractiveAnswerComposer.BestSentence(question, passage);
}
