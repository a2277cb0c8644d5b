using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>Where an idea stands with the promise of a first answer within Portfolio:FirstAnswerWorkingDays.</summary>
/// <param name="Due">The last working day of the promise (pauses for the submitter's information added).</param>
public sealed record PromiseState(DateOnly Due, bool Paused, bool Overdue);

/// <summary>
/// The five-working-day promise: every idea submitted in Teams gets its first answer (accept, merge, decline) within
/// Portfolio:FirstAnswerWorkingDays working days; a question for more information pauses the clock until the submitter
/// answers.
/// </summary>
public sealed class FirstAnswerPromise(WorkingCalendar calendar, IOptions<PortfolioRulesOptions> options)
{
    public static bool AwaitsAnswer(Idea idea) => AwaitsAnswer(idea.Origin, idea.Status);

    public static bool AwaitsAnswer(string origin, string status) => origin == IdeaOrigins.Teams && status == PipelineStages.Submitted;

    public PromiseState StateOf(Idea idea, DateTime nowUtc) =>
        StateOf(AwaitsAnswer(idea), idea.CreatedAtUtc, idea.ClockPausedAtUtc, idea.PausedWorkingDays, nowUtc);

    /// <summary>The same for a use case read in part (the board reads only the columns it shows).</summary>
    public PromiseState StateOf(bool awaitsAnswer, DateTime createdAtUtc, DateTime? clockPausedAtUtc, int pausedWorkingDays, DateTime nowUtc)
    {
        var today = calendar.LocalDate(nowUtc);
        var paused = pausedWorkingDays + (clockPausedAtUtc is { } since ? calendar.WorkingDaysBetween(calendar.LocalDate(since), today) : 0);
        var due = calendar.AddWorkingDays(calendar.LocalDate(createdAtUtc), options.Value.FirstAnswerWorkingDays + paused);
        return new PromiseState(due, clockPausedAtUtc is not null, awaitsAnswer && clockPausedAtUtc is null && today > due);
    }

    /// <summary>Whether a late first answer flagged to the programme contact goes to the whole team now: one working day after it was due.</summary>
    public bool TeamFlagDue(PromiseState state, DateTime nowUtc) => calendar.LocalDate(nowUtc) > calendar.AddWorkingDays(state.Due, 1);
}
