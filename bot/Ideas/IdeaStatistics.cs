using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Ideas;

/// <summary>What moved in the idea pipeline during one week.</summary>
public sealed record PipelineActivity(int Submitted, int StageMoves, int ProofsOfConceptStarted, int Rollouts, int ParkedOrRejected)
{
    public static PipelineActivity None { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>How many ideas stand in one stage now.</summary>
public sealed record StageCount(string Status, int Count);

/// <summary>
/// The figures the adoption digest reads from the ideas: grouped counts in the database, the same work for ten ideas or
/// ten thousand, with translations SQLite and PostgreSQL share.
/// </summary>
public sealed class IdeaStatistics(IDbContextFactory<AdoptionBotDbContext> contexts)
{
    /// <summary>
    /// Submissions and moves of the week from <paramref name="weekStartUtc"/> to <paramref name="weekEndUtc"/> and of the
    /// week before it (from <paramref name="previousStartUtc"/>); of one business unit's ideas, or (null) all; of one
    /// tenant's (and those stored before ideas carried a tenant), or (null) every tenant's.
    /// </summary>
    public async Task<(PipelineActivity ThisWeek, PipelineActivity LastWeek)> ActivityAsync(
        string? businessUnit, string? tenantId, DateTime previousStartUtc, DateTime weekStartUtc, DateTime weekEndUtc, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = db.IdeaStatusChanges.AsNoTracking()
            .Where(c => c.Kind == IdeaHistoryKinds.Move && c.ChangedAtUtc >= previousStartUtc && c.ChangedAtUtc < weekEndUtc);
        if (businessUnit is { } unit)
        {
            changes = changes.Where(c => db.Set<Idea>().Any(i => i.Id == c.IdeaId && i.BusinessUnit == unit));
        }

        if (tenantId is not null)
        {
            changes = changes.Where(c => db.Set<Idea>().Any(i => i.Id == c.IdeaId && (i.TenantId == tenantId || i.TenantId == null)));
        }

        var rows = await changes
            .GroupBy(c => new { IsThisWeek = c.ChangedAtUtc >= weekStartUtc, IsSubmission = c.FromStatus == null, c.ToStatus })
            .Select(g => new { g.Key.IsThisWeek, g.Key.IsSubmission, g.Key.ToStatus, Count = g.Count() })
            .ToListAsync(cancellationToken);

        PipelineActivity Sum(bool isThisWeek)
        {
            var week = rows.Where(r => r.IsThisWeek == isThisWeek).ToList();
            var moves = week.Where(r => !r.IsSubmission).ToList();
            return new PipelineActivity(
                Submitted: week.Where(r => r.IsSubmission).Sum(r => r.Count),
                StageMoves: moves.Sum(r => r.Count),
                ProofsOfConceptStarted: moves.Where(r => r.ToStatus == PipelineStages.ProofOfConcept).Sum(r => r.Count),
                Rollouts: moves.Where(r => r.ToStatus == PipelineStages.Rollout).Sum(r => r.Count),
                ParkedOrRejected: moves.Where(r => r.ToStatus is PipelineStages.Parked or PipelineStages.Rejected).Sum(r => r.Count));
        }

        return (Sum(true), Sum(false));
    }

    /// <summary>How many ideas stand in each status now, in pipeline order; of one business unit, or (null) all.</summary>
    public async Task<IReadOnlyList<StageCount>> ByStageAsync(string? businessUnit, string? tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ideas = db.Ideas.AsNoTracking();
        if (businessUnit is { } unit)
        {
            ideas = ideas.Where(i => i.BusinessUnit == unit);
        }

        if (tenantId is not null)
        {
            ideas = ideas.Where(i => i.TenantId == tenantId || i.TenantId == null);
        }

        var counts = await ideas
            .GroupBy(i => i.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.Status, r => r.Count, cancellationToken);
        return IdeaStatuses.All.Select(s => new StageCount(s, counts.GetValueOrDefault(s))).ToList();
    }
}
