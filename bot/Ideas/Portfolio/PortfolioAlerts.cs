using System.Globalization;
using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>The promises the portfolio office is behind on, for the portfolio team's digest.</summary>
/// <param name="OverdueFirstAnswers">Ideas past their first-answer promise, "IDEA-0007 (due 3 Dec)".</param>
/// <param name="LateBoardDecisions">Board decisions not told to the owner within the guideline's working days, "IDEA-0009 (board of 1 Dec)".</param>
public sealed record PortfolioAlertList(IReadOnlyList<string> OverdueFirstAnswers, IReadOnlyList<string> LateBoardDecisions);

/// <summary>Finds the first answers that are overdue now and the board decisions told late (or not yet) to their owners.</summary>
public sealed class PortfolioAlerts(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    FirstAnswerPromise promise,
    WorkingCalendar calendar,
    IOptions<PortfolioRulesOptions> options,
    TimeProvider time)
{
    /// <param name="tenantId">Only that tenant's use cases (and those without one); null for every tenant.</param>
    public async Task<PortfolioAlertList> CurrentAsync(string? tenantId, DateTime weekStartUtc, DateTime weekEndUtc, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = calendar.LocalDate(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ofTenant = db.Ideas.AsNoTracking().Where(i => tenantId == null || i.TenantId == tenantId || i.TenantId == null);
        var waiting = await ofTenant.Where(i => i.Origin == IdeaOrigins.Teams && i.Status == PipelineStages.Submitted).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var overdue = waiting
            .Select(i => (Idea: i, State: promise.StateOf(i, now)))
            .Where(x => x.State.Overdue)
            .Select(x => $"{x.Idea.DisplayId} (due {x.State.Due.ToString("d MMM", CultureInfo.InvariantCulture)})")
            .ToList();

        var days = options.Value.BoardSchedule.DecisionNoticeWorkingDays;
        var ideaIds = ofTenant.Select(i => i.Id);
        var candidates = await db.BoardItems.AsNoTracking()
            .Where(b => b.MeetingDate < today && ideaIds.Contains(b.IdeaId) && (b.Decision == null || (b.DecidedAtUtc >= weekStartUtc && b.DecidedAtUtc < weekEndUtc)))
            .OrderBy(b => b.MeetingDate).ThenBy(b => b.Id)
            .ToListAsync(cancellationToken);
        var late = candidates.Where(b =>
        {
            var deadline = calendar.AddWorkingDays(b.MeetingDate, days);
            return b.OwnerToldAtUtc is { } told ? calendar.LocalDate(told) > deadline : today > deadline;
        }).ToList();
        var ids = late.Select(b => b.IdeaId).Distinct().ToList();
        var names = await db.Ideas.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.DisplayId, cancellationToken);
        return new PortfolioAlertList(overdue, [.. late.Select(b => $"{names.GetValueOrDefault(b.IdeaId, Idea.FormatId(b.IdeaId))} (board of {b.MeetingDate.ToString("d MMM", CultureInfo.InvariantCulture)}{(b.Decision is null ? ", not decided yet" : "")})")]);
    }
}
