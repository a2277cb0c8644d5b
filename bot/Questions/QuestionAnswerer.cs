using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions.FollowUps;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>Retrieves passages, abstains below the relevance threshold, and has the composer write the answer.</summary>
public sealed class QuestionAnswerer(IKnowledgeSearch search, IAnswerComposer composer, IOptions<QuestionsOptions> options)
{
    /// <summary>True when the composer can stream its answer (a language model with streaming on).</summary>
    public bool CanStream => composer is IStreamingAnswerComposer { CanStream: true };

    /// <summary>Answers from what belongs to no tenant: the knowledge files, and ideas stored without a tenant.</summary>
    public Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken) =>
        AnswerAsync(QuestionInContext.Standalone(question), null, null, cancellationToken);

    /// <param name="inContext">The question; a follow-up is searched with its earlier context.</param>
    /// <param name="askerTenant">The asker's Microsoft 365 tenant: the catalogue's ideas of other tenants are not searched.</param>
    /// <param name="stream">Where to show the answer while it is written, when the composer can stream; null for one message.</param>
    public async Task<Answer> AnswerAsync(QuestionInContext inContext, string? askerTenant, IAnswerStream? stream, CancellationToken cancellationToken)
    {
        // The words the employee typed decide whether the question is off the map; the earlier context only helps find passages.
        var question = inContext.Question;
        var passages = await search.SearchAsync(inContext.SearchText, options.Value.MaxPassages, KnowledgeFilter.For(askerTenant), cancellationToken);
        var topRelevance = passages.Count == 0 ? 0 : passages.Max(p => p.Relevance);
        var threshold = options.Value.MinRelevance;
        if (topRelevance >= threshold && topRelevance < options.Value.MinRelevanceWithUnknownWords
            && (await search.FindUnknownTermsAsync(question, cancellationToken)).Count > 0)
        {
            threshold = options.Value.MinRelevanceWithUnknownWords;
        }

        var relevant = passages.Where(p => p.Relevance >= threshold).ToList();
        if (relevant.Count == 0)
        {
            return NotCovered(topRelevance);
        }

        var composed = stream is not null && composer is IStreamingAnswerComposer { CanStream: true } streaming
            ? await streaming.ComposeAsync(inContext.ForComposer, relevant, stream, cancellationToken)
            : await composer.ComposeAsync(inContext.ForComposer, relevant, cancellationToken);
        return composed is null || composed.Citations.Count == 0
            ? NotCovered(topRelevance)
            : new Answer(AnswerOutcomes.Answered, composed.Text, composed.Citations, topRelevance);
    }

    private Answer NotCovered(double topRelevance) =>
        new(
            AnswerOutcomes.NotCovered,
            "The GenAI guidelines and the use-case catalogue don't cover this, so I won't guess. " +
            $"Next step: submit it as an idea (the button below, or type **new idea**), or ask {options.Value.GenAiTeamContact}, who can answer it and add it to the guidelines.",
            [],
            topRelevance);
}
