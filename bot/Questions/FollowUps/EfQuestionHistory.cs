using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Questions.FollowUps;

/// <summary>
/// Reads the earlier questions from the question log the bot keeps anyway: every instance on the store sees them,
/// so a follow-up that reaches another instance behind the load balancer still has its context.
/// </summary>
public sealed class EfQuestionHistory(IDbContextFactory<AdoptionBotDbContext> contexts) : IQuestionHistory
{
    public async Task<IReadOnlyList<string>> RecentAsync(string conversationId, string askerHash, DateTime sinceUtc, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Questions.AsNoTracking()
            .Where(q => q.AskedAtUtc >= sinceUtc && q.ConversationId == conversationId && q.AskerHash == askerHash)
            .OrderByDescending(q => q.AskedAtUtc)
            .ThenByDescending(q => q.Id)
            .Select(q => q.Question)
            .Take(max)
            .ToListAsync(cancellationToken);
    }
}
