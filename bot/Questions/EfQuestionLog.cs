using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

public sealed class EfQuestionLog(IDbContextFactory<AdoptionBotDbContext> contexts, IOptions<QuestionsOptions> options, TimeProvider time) : IQuestionLog
{
    private long _lastForgotten;

    public async Task RecordQuestionAsync(QuestionRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Questions.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        // With a new question, at most once a minute per instance; the daily retention pass catches quiet times.
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref _lastForgotten);
        if (now.UtcTicks - last >= TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastForgotten, now.UtcTicks, last) == last)
        {
            await ForgetConversationsAsync(db, now.UtcDateTime.AddMinutes(-options.Value.FollowUpMinutes), cancellationToken);
        }
    }

    /// <summary>
    /// Clears the conversation of questions asked before <paramref name="askedBeforeUtc"/> (the start of the follow-up
    /// window): it is kept only to read a follow-up together with the question before it.
    /// </summary>
    internal static Task<int> ForgetConversationsAsync(AdoptionBotDbContext db, DateTime askedBeforeUtc, CancellationToken cancellationToken) =>
        db.Questions.Where(q => q.ConversationId != null && q.AskedAtUtc < askedBeforeUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.ConversationId, (string?)null), cancellationToken);

    public async Task<string?> QuestionOfAnswerAsync(string answerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Questions.AsNoTracking().Where(q => q.AnswerId == answerId).OrderByDescending(q => q.Id).Select(q => q.Question).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>One entry per person and answer: a second thumbs (up or down) replaces the person's first.</summary>
    public async Task RecordFeedbackAsync(AnswerFeedbackRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (record.UserHash is not null && await ReplaceAsync(db, record, cancellationToken))
        {
            return;
        }

        db.AnswerFeedback.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same person's press reached another turn or instance first: this one replaces it.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            await ReplaceAsync(again, record, cancellationToken);
        }
    }

    private static async Task<bool> ReplaceAsync(AdoptionBotDbContext db, AnswerFeedbackRecord record, CancellationToken cancellationToken) =>
        await db.AnswerFeedback.Where(f => f.AnswerId == record.AnswerId && f.UserHash == record.UserHash)
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.Reaction, record.Reaction).SetProperty(f => f.Text, record.Text).SetProperty(f => f.ReceivedAtUtc, record.ReceivedAtUtc),
                cancellationToken) > 0;
}
