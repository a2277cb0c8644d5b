using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// Deletes questions older than Questions:RetentionDays, with the feedback on their answers, once a day on the
/// injected clock, in batches so no pass holds a long transaction. Every instance may run it: deleting is idempotent.
/// </summary>
public sealed class QuestionRetention(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IOptions<QuestionsOptions> options,
    TimeProvider time,
    ILogger<QuestionRetention> logger) : BackgroundService
{
    /// <summary>The first pass waits this long, so start-up (migrations, indexing) is not slowed by it.</summary>
    public static readonly TimeSpan FirstPass = TimeSpan.FromHours(1);

    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    private const int BatchSize = 500;

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays == 0)
        {
            return;
        }

        try
        {
            await Task.Delay(FirstPass, time, stoppingToken);
            while (true)
            {
                try
                {
                    await DeleteExpiredAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    QuestionsLog.RetentionFailed(logger, ex, Interval);
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
