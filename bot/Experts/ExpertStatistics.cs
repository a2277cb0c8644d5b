using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Experts;

/// <summary>The expert loop in one week: tickets opened and answered, the median time to a first answer, tickets still waiting, FAQ entries published.</summary>
public sealed record ExpertWeek(int Opened, int Answered, double? MedianHoursToFirstAnswer, int StillWaiting, IReadOnlyList<string> FaqsPublished)
{
    public bool IsEmpty => Opened == 0 && Answered == 0 && StillWaiting == 0 && FaqsPublished.Count == 0;
}

/// <summary>The digest's figures of the expert loop, for one tenant (or all).</summary>
public sealed class ExpertStatistics(IDbContextFactory<AdoptionBotDbContext> contexts)
{
    public async Task<ExpertWeek> WeekAsync(string? tenantId, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tickets = db.ExpertTickets.AsNoTracking().Where(t => tenantId == null || t.TenantId == tenantId);
        var opened = await tickets.CountAsync(t => t.CreatedAtUtc >= startUtc && t.CreatedAtUtc < endUtc, cancellationToken);
        var firstAnswers = await tickets
            .Where(t => t.FirstAnsweredAtUtc >= startUtc && t.FirstAnsweredAtUtc < endUtc)
            .Select(t => new { t.CreatedAtUtc, FirstAnsweredAtUtc = t.FirstAnsweredAtUtc!.Value })
            .ToListAsync(cancellationToken);
        var waiting = await tickets.CountAsync(t => t.State == TicketStates.Open || t.State == TicketStates.Taken, cancellationToken);
        var published = await db.FaqEntries.AsNoTracking()
            .Where(f => (tenantId == null || f.TenantId == tenantId) && f.State == FaqStates.Published && f.PublishedAtUtc >= startUtc && f.PublishedAtUtc < endUtc)
            .OrderBy(f => f.PublishedAtUtc)
            .Select(f => f.Question)
            .ToListAsync(cancellationToken);
        return new ExpertWeek(opened, firstAnswers.Count, Median([.. firstAnswers.Select(a => (a.FirstAnsweredAtUtc - a.CreatedAtUtc).TotalHours)]), waiting, published);
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
