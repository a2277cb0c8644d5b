using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>One entry criterion of a gate as it stands for a use case.</summary>
/// <param name="TickedBy">Who may tick it (<see cref="GateTickers"/>); null when the bot checks it.</param>
/// <param name="Tick">Who ticked it, when, with which link; null when it is checked or not yet ticked.</param>
public sealed record CriterionState(string Id, string Text, bool Met, string? TickedBy, GateTick? Tick);

/// <summary>A gate as it stands for a use case: every criterion, and who decides the move.</summary>
/// <param name="Decider">office or board, as the move would be decided now (the budget and the AI Act class count).</param>
/// <param name="DeciderReason">Why the board decides, when it does.</param>
public sealed record GateState(string Stage, IReadOnlyList<CriterionState> Criteria, string Decider, string? DeciderReason, bool Prohibited)
{
    public IReadOnlyList<CriterionState> Missing => [.. Criteria.Where(c => !c.Met)];
}

/// <summary>
/// Evaluates the gate of a stage for a use case from Portfolio:Gates and what the portfolio records: ticks, the latest
/// assessment and screening, the owner and champion. A limited-risk use case's transparency duties join the pilot gate
/// as items to tick.
/// </summary>
public sealed class GateCheck(IOptions<PortfolioRulesOptions> options)
{
    public const string TransparencyPrefix = "transparency-";

    public async Task<GateState?> EvaluateAsync(AdoptionBotDbContext db, Idea idea, string stage, CancellationToken cancellationToken)
    {
        if (!options.Value.EffectiveGates.TryGetValue(stage, out var gate))
        {
            return null;
        }

        var ticks = await db.GateTicks.AsNoTracking().Where(t => t.IdeaId == idea.Id && t.Stage == stage).ToListAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.IdeaId == idea.Id).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var screening = await db.AiActScreenings.AsNoTracking().Where(s => s.IdeaId == idea.Id).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        return Evaluate(idea, stage, gate, ticks, assessment, screening);
    }

    /// <summary>The gate an idea must pass to its next stage; null before its first answer, at the end, or where the stage has none.</summary>
    public async Task<GateState?> NextGateAsync(AdoptionBotDbContext db, Idea idea, CancellationToken cancellationToken) =>
        IdeaStatuses.NextOf(idea.Status) is { } next && idea.Status != PipelineStages.Submitted ? await EvaluateAsync(db, idea, next, cancellationToken) : null;

    /// <summary>The gate of <paramref name="stage"/> from records already loaded (the export loads them for every use case at once); null when the stage has none.</summary>
    public GateState? Evaluate(Idea idea, string stage, IReadOnlyList<GateTick> ticksOfStage, Assessment? assessment, AiActScreening? screening) =>
        options.Value.EffectiveGates.TryGetValue(stage, out var gate) ? Evaluate(idea, stage, gate, ticksOfStage, assessment, screening) : null;

    private GateState Evaluate(Idea idea, string stage, GateOptions gate, IReadOnlyList<GateTick> ticks, Assessment? assessment, AiActScreening? screening)
    {
        var rules = options.Value;
        var criteria = new List<CriterionState>();
        foreach (var criterion in gate.Criteria)
        {
            if (criterion.When == GateConditions.PersonalData && !idea.PersonalData)
            {
                continue;
            }

            if (criterion.Check is { } check)
            {
                criteria.Add(new CriterionState(criterion.Id, criterion.Text, Checked(check, idea, assessment, screening), null, null));
                continue;
            }

            var tick = ticks.FirstOrDefault(t => string.Equals(t.Criterion, criterion.Id, StringComparison.OrdinalIgnoreCase));
            criteria.Add(new CriterionState(criterion.Id, criterion.Text, tick is not null, criterion.TickedBy, tick));
        }

        if (stage == PipelineStages.Pilot && screening is { Result: AiActClasses.Limited or AiActClasses.HighRisk } && !string.IsNullOrWhiteSpace(screening.Duties))
        {
            var duties = screening.Duties.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < duties.Length; i++)
            {
                var id = TransparencyPrefix + (i + 1);
                var tick = ticks.FirstOrDefault(t => t.Criterion == id);
                criteria.Add(new CriterionState(id, "Transparency: " + duties[i], tick is not null, GateTickers.Office, tick));
            }
        }

        var prohibited = idea.AiActClass == AiActClasses.Prohibited;
        var (decider, why) = gate.DecidedBy == GateDeciders.Board
            ? (GateDeciders.Board, $"the board decides every move into {PipelineStages.DisplayName(stage)}")
            : idea.AiActClass == AiActClasses.HighRisk
                ? (GateDeciders.Board, "a high-risk use case is decided by the board")
                : idea.BudgetRequested > rules.OfficeBudgetLimit
                    ? (GateDeciders.Board, $"the budget requested (EUR {idea.BudgetRequested:N0}) is above the office's limit of EUR {rules.OfficeBudgetLimit:N0}")
                    : (GateDeciders.Office, null);
        return new GateState(stage, criteria, decider, why, prohibited);
    }

    private static bool Checked(string check, Idea idea, Assessment? assessment, AiActScreening? screening) => check switch
    {
        GateChecks.BusinessOwner => !string.IsNullOrWhiteSpace(idea.OwnerName),
        GateChecks.ChampionOrAnalyst => !string.IsNullOrWhiteSpace(idea.AiChampion) || !string.IsNullOrWhiteSpace(idea.ProgrammeContactName),
        GateChecks.Assessment => assessment is not null,
        GateChecks.SuccessCriteria => !string.IsNullOrWhiteSpace(assessment?.SuccessCriteria),
        GateChecks.Screening => screening is not null,
        GateChecks.NotProhibited => screening is not null && screening.Result != AiActClasses.Prohibited,
        _ => false,
    };
}
