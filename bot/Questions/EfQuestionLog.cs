using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Questions;

public sealed class EfQuestionLog(IDbContextFactory<AdoptionBotDbContext> contexts) : IQuestionLog
{
    public async Task RecordQuestionAsync(QuestionRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Questions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordFeedbackAsync(AnswerFeedbackRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AnswerFeedback.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }
}
