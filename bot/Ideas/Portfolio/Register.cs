using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>One line of the AI use-case register.</summary>
public sealed record RegisterRow(UseCaseSummary UseCase, string? Role);

/// <summary>One page of the register, with how many use cases each class has.</summary>
public sealed record RegisterPage(IReadOnlyList<RegisterRow> Rows, int Page, int PageSize, int Total, IReadOnlyDictionary<string, int> ByClass);

/// <summary>
/// The AI use-case register: every use case in the portfolio (merged and rejected ones aside) with its EU AI Act class,
/// the reason, the company's role, the owner and the stage; the most severe classes first.
/// </summary>
public sealed class Register(IDbContextFactory<AdoptionBotDbContext> contexts)
{
    public const string NotScreened = "not-screened";

    public async Task<RegisterPage> PageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var listed = db.Ideas.AsNoTracking().Where(i => i.Status != PipelineStages.Rejected && i.Status != PipelineStages.Merged);
        var counts = await listed.GroupBy(i => i.AiActClass).Select(g => new { Class = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byClass = counts.ToDictionary(c => c.Class ?? NotScreened, c => c.Count);
        var total = counts.Sum(c => c.Count);
        var skip = (int)Math.Min((long)Math.Max(0, page) * pageSize, int.MaxValue);
        var ideas = await listed
            .OrderBy(i => i.AiActClass == AiActClasses.Prohibited ? 0 : i.AiActClass == AiActClasses.HighRisk ? 1 : i.AiActClass == AiActClasses.Limited ? 2 : i.AiActClass == null ? 3 : 4)
            .ThenBy(i => i.Id)
            .Skip(skip)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        var ids = ideas.Select(i => i.Id).ToList();
        var roles = await db.AiActScreenings.AsNoTracking()
            .Where(s => ids.Contains(s.IdeaId))
            .GroupBy(s => s.IdeaId)
            .Select(g => new { IdeaId = g.Key, Role = g.OrderByDescending(s => s.Id).Select(s => s.Role).First() })
            .ToDictionaryAsync(r => r.IdeaId, r => r.Role, cancellationToken);
        return new RegisterPage([.. ideas.Select(i => new RegisterRow(UseCaseSummary.Of(i), roles.GetValueOrDefault(i.Id)))], page, pageSize, total, byClass);
    }
}
