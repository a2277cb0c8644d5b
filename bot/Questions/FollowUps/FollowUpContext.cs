using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions.FollowUps;

/// <summary>Puts a question into the context of what the same person asked just before in the same conversation.</summary>
public sealed class FollowUpContext(IQuestionHistory history, AskerHash askers, IOptions<QuestionsOptions> options, TimeProvider time, ILogger<FollowUpContext> logger)
{
    public async Task<QuestionInContext> ForAsync(IActivity activity, string question, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.FollowUpMinutes == 0
            || activity.Conversation?.Id is not { Length: > 0 } conversationId
            || askers.Of(activity) is not { } askerHash
            || !FollowUpRewriter.IsFollowUp(question))
        {
            return QuestionInContext.Standalone(question);
        }

        var since = time.GetUtcNow().UtcDateTime.AddMinutes(-settings.FollowUpMinutes);
        IReadOnlyList<string> earlier;
        try
        {
            earlier = await history.RecentAsync(conversationId, askerHash, since, settings.FollowUpQuestions, cancellationToken);
        }
        catch (Exception ex) when (StoreErrors.IsTransient(ex))
        {
            // The store is busy: answer the words as typed rather than not at all.
            QuestionsLog.HistoryUnavailable(logger, ex.GetType().Name);
            return QuestionInContext.Standalone(question);
        }

        return earlier.Count == 0
            ? QuestionInContext.Standalone(question)
            : new QuestionInContext(question, FollowUpRewriter.Rewrite(question, earlier), earlier[0]);
    }
}
