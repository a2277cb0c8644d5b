using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Experts;

/// <summary>A ticket as the portfolio team's pages list it. The asker's name only when they chose to show it.</summary>
public sealed record TicketSummary(int Id, string DisplayId, string Question, string State, string Origin, string? AskerShown, string? TakenBy, DateTime CreatedAtUtc, DateTime WaitingSinceUtc);

/// <summary>The expert loop's tickets read for the portfolio team's pages: those still open, and those that name a use case.</summary>
public sealed class TicketViews(IDbContextFactory<AdoptionBotDbContext> contexts)
{
    /// <summary>Open and taken tickets, longest waiting first.</summary>
    public async Task<IReadOnlyList<TicketSummary>> WaitingAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tickets = await db.ExpertTickets.AsNoTracking()
            .Where(t => t.State == TicketStates.Open || t.State == TicketStates.Taken)
            .OrderBy(t => t.WaitingSinceUtc).ThenBy(t => t.Id)
            .Take(Math.Clamp(max, 1, 500))
            .ToListAsync(cancellationToken);
        return [.. tickets.Select(Summary)];
    }

    /// <summary>Tickets whose question, context or answer names the use case by its id ("UC-101", "IDEA-0042").</summary>
    public async Task<IReadOnlyList<TicketSummary>> MentioningAsync(string displayId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(displayId))
        {
            return [];
        }

        var id = displayId.Trim();
        var lower = id.ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tickets = await db.ExpertTickets.AsNoTracking()
            .Where(t => t.Question.ToLower().Contains(lower) || (t.Context != null && t.Context.ToLower().Contains(lower)) || (t.AnswerText != null && t.AnswerText.ToLower().Contains(lower)))
            .OrderByDescending(t => t.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
        return [.. tickets.Select(Summary)];
    }

    private static TicketSummary Summary(ExpertTicket t) =>
        new(t.Id, t.DisplayId, t.Question, t.State, t.Origin, t.ShowName ? t.AskerName : null, t.TakenByName, t.CreatedAtUtc, t.WaitingSinceUtc);
}
