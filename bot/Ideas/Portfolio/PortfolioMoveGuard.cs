using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>
/// Holds every forward move to the gates, whichever button or command asked for it: a prohibited use case does not
/// move forward, a gate with open criteria refuses, and a move the board decides needs the board's approval first.
/// </summary>
public sealed class PortfolioMoveGuard(IDbContextFactory<AdoptionBotDbContext> contexts, GateCheck gates) : IIdeaMoveGuard
{
    public async Task<string?> CheckAsync(Idea idea, string fromStatus, string toStatus, Actor actor, CancellationToken cancellationToken)
    {
        if (IdeaStatuses.NextOf(fromStatus) != toStatus)
        {
            return null; // parking, rejecting, merging: no gate
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gate = await gates.EvaluateAsync(db, idea, toStatus, cancellationToken);
        if (gate is null)
        {
            return null;
        }

        if (gate.Prohibited)
        {
            return $"{idea.DisplayId} cannot move forward: its AI Act screening found a prohibited practice.";
        }

        if (gate.Missing.Count > 0)
        {
            return $"The gate of {PipelineStages.DisplayName(toStatus)} is not met for {idea.DisplayId}; open: {string.Join("; ", gate.Missing.Select(m => m.Text))}. Type **idea {idea.DisplayId}** to tick them.";
        }

        return gate.Decider == GateDeciders.Board && !await PortfolioService.BoardApprovedAsync(db, idea.Id, toStatus, cancellationToken)
            ? $"The board decides the move of {idea.DisplayId} to {PipelineStages.DisplayName(toStatus)} ({gate.DeciderReason}); put it on the agenda from its page (**idea {idea.DisplayId}**)."
            : null;
    }
}
