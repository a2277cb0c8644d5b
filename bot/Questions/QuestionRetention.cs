using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// Deletes questions older than Questions:RetentionDays, with the feedback on their answers, in the daily retention
/// pass, in batches so no pass holds a long transaction; and clears the conversation of questions past the follow-up
/// window that no new question cleared.
/// </summary>
public sealed class QuestionRetention(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IOptions<QuestionsOptions> options,
    TimeProvider time,
    ILogger<QuestionRetention> logger) : IRetentionRule
{
    private const int BatchSize = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await EfQuestionLog.ForgetConversationsAsync(db, time.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.FollowUpMinutes), cancellationToken);
        }

        await DeleteExpiredAsync(cancellationToken);
    }

    /// <summary>Deletes what is past retention now; returns how many questions and feedback entries went.</summary>
    public async Task<(int Questions, int Feedback)> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        if (days == 0)
        {
            return (0, 0);
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        int questions = 0, feedback = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var batch = await db.Questions.AsNoTracking()
                .Where(q => q.AskedAtUtc < cutoff)
                .OrderBy(q => q.Id)
                .Select(q => new { q.Id, q.AnswerId })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var ids = batch.Select(q => q.Id).ToList();
            var answerIds = batch.Select(q => q.AnswerId).Distinct().ToList();
            feedback += await db.AnswerFeedback.Where(f => answerIds.Contains(f.AnswerId)).ExecuteDeleteAsync(cancellationToken);
            questions += await db.Questions.Where(q => ids.Contains(q.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        // Feedback whose question is gone or was never stored ages out on its own date.
        while (true)
        {
            var deleted = await db.AnswerFeedback
                .Where(f => db.Set<AnswerFeedbackRecord>().Where(o => o.ReceivedAtUtc < cutoff).OrderBy(o => o.Id).Select(o => o.Id).Take(BatchSize).Contains(f.Id))
                .ExecuteDeleteAsync(cancellationToken);
            feedback += deleted;
            if (deleted == 0)
            {
                break;
            }
        }

        QuestionsLog.RetentionDeleted(logger, questions, feedback, days);
        return (questions, feedback);
    }
}
