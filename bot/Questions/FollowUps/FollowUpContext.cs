using AdoptionBot.Conversation;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions.FollowUps;

/// <summary>Puts a question into the context of what the same person asked just before in the same conversation.</summary>
public sealed class FollowUpContext(IQuestionHistory history, IOptions<QuestionsOptions> options, TimeProvider time)
{
    public async Task<QuestionInContext> ForAsync(IActivity activity, string question, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.FollowUpMinutes == 0
            || activity.Conversation?.Id is not { Length: > 0 } conversationId
            || UserIdentity.Hash(activity) is not { } askerHash
            || !FollowUpRewriter.IsFollowUp(question))
        {
            return QuestionInContext.Standalone(question);
        }

        var since = time.GetUtcNow().UtcDateTime.AddMinutes(-settings.FollowUpMinutes);
        var earlier = await history.RecentAsync(conversationId, askerHash, since, settings.FollowUpQuestions, cancellationToken);
        return earlier.Count == 0
            ? QuestionInContext.Standalone(question)
            : new QuestionInContext(question, FollowUpRewriter.Rewrite(question, earlier), earlier[0]);
    }
}
