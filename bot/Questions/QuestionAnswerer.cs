using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions.Evidence;
using AdoptionBot.Questions.FollowUps;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// Retrieves passages, weighs whether they answer the question (<see cref="AnswerEvidence"/>, <see cref="EvidenceModel"/>)
/// and declines below <see cref="QuestionsOptions.MinAnswerConfidence"/>, else has the composer write the answer.
/// </summary>
public sealed class QuestionAnswerer(IKnowledgeSearch search, IAnswerComposer composer, IOptions<QuestionsOptions> options, IQueryRewriter? rewriter = null)
{
    // A question of this many content words or fewer says too little to search for on its own ("and in prod?").
    private const int VagueTerms = 2;

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
        if (search.ReadsOnlyEnglish && QuestionLanguage.Of(inContext.Question) is var language && language != QuestionLanguage.English)
        {
            return new Answer(AnswerOutcomes.OtherLanguage, OtherLanguageReplies.For(language, options.Value.GenAiTeamContact), [], 0);
        }

        inContext = await RewrittenAsync(inContext, cancellationToken);
        var passages = await search.SearchAsync(inContext.SearchText, options.Value.MaxPassages, KnowledgeFilter.For(askerTenant), cancellationToken);
        var topRelevance = passages.Count == 0 ? 0 : passages.Max(p => p.Relevance);
        if (topRelevance < options.Value.MinRelevance)
        {
            return NotCovered(topRelevance, 0);
        }

        // The evidence model was fitted on the embedded default's similarities; with other embeddings (a language model
        // is configured with them) the floor above and the model's own "not covered" decide.
        var confidence = 1.0;
        if (search.EmbeddingModelId == EvidenceModel.Default.EmbeddingModelId)
        {
            // The words the employee typed decide whether the question is off the map; the earlier context only helps find passages.
            var unknown = await search.FindUnknownTermsAsync(inContext.Question, cancellationToken);
            confidence = EvidenceModel.Default.Confidence(AnswerEvidence.Measure(QuestionTerms.Of(inContext.SearchText), passages, unknown));
            if (confidence < options.Value.MinAnswerConfidence)
            {
                return NotCovered(topRelevance, confidence);
            }
        }

        var composed = stream is not null && composer is IStreamingAnswerComposer { CanStream: true } streaming
            ? await streaming.ComposeAsync(inContext.ForComposer, passages, stream, cancellationToken)
            : await composer.ComposeAsync(inContext.ForComposer, passages, cancellationToken);
        return composed is null || composed.Citations.Count == 0
            ? NotCovered(topRelevance, confidence)
            : new Answer(AnswerOutcomes.Answered, composed.Text, composed.Citations, topRelevance) { Confidence = confidence };
    }

    /// <summary>A follow-up or a vague question, with what the rewriter makes of it to search for (else as it was).</summary>
    private async Task<QuestionInContext> RewrittenAsync(QuestionInContext inContext, CancellationToken cancellationToken)
    {
        if (rewriter is null || (inContext.EarlierQuestion is null && QueryText.Terms(inContext.Question).Count > VagueTerms))
        {
            return inContext;
        }

        var query = await rewriter.RewriteAsync(inContext, cancellationToken);
        return string.IsNullOrWhiteSpace(query) ? inContext : inContext with { SearchText = query };
    }

    private Answer NotCovered(double topRelevance, double confidence) =>
        new(
            AnswerOutcomes.NotCovered,
            "The GenAI guidelines and the use-case catalogue don't cover this, so I won't guess. " +
            $"Next step: submit it as an idea (the button below, or type **new idea**), or ask {options.Value.GenAiTeamContact}, who can answer it and add it to the guidelines.",
            [],
            topRelevance) { Confidence = confidence };
}
