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
    public static bool AwaitsAnswer(Idea idea) => idea.Origin == IdeaOrigins.Teams && idea.Status == PipelineStages.Submitted;

    public PromiseState StateOf(Idea idea, DateTime nowUtc)
    {
        var today = calendar.LocalDate(nowUtc);
        var paused = idea.PausedWorkingDays + (idea.ClockPausedAtUtc is { } since ? calendar.WorkingDaysBetween(calendar.LocalDate(since), today) : 0);
        var due = calendar.AddWorkingDays(calendar.LocalDate(idea.CreatedAtUtc), options.Value.FirstAnswerWorkingDays + paused);
        return new PromiseState(due, idea.ClockPausedAtUtc is not null, AwaitsAnswer(idea) && idea.ClockPausedAtUtc is null && today > due);
    }

    /// <summary>Whether a late first answer flagged to the programme contact goes to the whole team now: one working day after it was due.</summary>
    public bool TeamFlagDue(PromiseState state, DateTime nowUtc) => calendar.LocalDate(nowUtc) > calendar.AddWorkingDays(state.Due, 1);
}

/// <summary>
/// Flags ideas whose first answer is late: first to their programme contact (when one is named), one working day later
/// to every member of the portfolio team; each flag once, also with several instances (outbox dedup keys). Reminds the
/// team of parked use cases due for review (Portfolio:ParkedReviewMonths after they were parked or last reviewed).
/// </summary>
public sealed partial class FirstAnswerWatch(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    FirstAnswerPromise promise,
    TeamNotices notices,
    IOptions<PortfolioRulesOptions> rules,
    TimeProvider time,
    ILogger<FirstAnswerWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
                await CheckParkedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PortfolioLog.WatchFailed(logger, ex);
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// <summary>One pass: returns how many flags were queued.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Ideas.Where(i => i.Origin == IdeaOrigins.Teams && i.Status == PipelineStages.Submitted && i.ClockPausedAtUtc == null && i.FirstAnswerEscalation < 2).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var idea in waiting)
        {
            var state = promise.StateOf(idea, now);
            if (!state.Overdue)
            {
                continue;
            }

            // Its programme contact first, when it has one; the whole team at once when not, else a working day later.
            int level;
            if (idea.FirstAnswerEscalation == 0 && idea.ProgrammeContactObjectId is not null)
            {
                level = 1;
            }
            else if (idea.FirstAnswerEscalation == 0 || promise.TeamFlagDue(state, now))
            {
                level = 2;
            }
            else
            {
                continue;
            }

            var only = level == 2 ? null : new[] { idea.ProgrammeContactObjectId! };
            var card = PortfolioCards.FirstAnswerLate(idea, state.Due, toTeam: level == 2);
            idea.FirstAnswerEscalation = level;
            try
            {
                queued += await notices.SaveWithNoticeAsync(db, card, $"first-answer-late:{idea.Id}:{level}", cancellationToken, only);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone answered it, or another instance flagged it, meanwhile.
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }
}

/// <summary>The parked-review part of the watch.</summary>
public sealed partial class FirstAnswerWatch
{
    /// <summary>One pass over the parked use cases: each one due for review is put before the team once; returns how many.</summary>
    public async Task<int> CheckParkedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var dueBefore = now.AddMonths(-rules.Value.ParkedReviewMonths);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Ideas
            .Where(i => i.Status == PipelineStages.Parked && i.StageEnteredAtUtc < dueBefore)
            .Where(i => !db.Set<IdeaStatusChange>().Any(h => h.IdeaId == i.Id && h.Kind == IdeaHistoryKinds.Review && h.ChangedAtUtc >= dueBefore))
            .OrderBy(i => i.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var idea in due)
        {
            var months = rules.Value.ParkedReviewMonths;
            db.IdeaStatusChanges.Add(PortfolioService.Entry(idea, IdeaHistoryKinds.Review, $"due for review: parked for more than {months} months", new Actor(null, "AdoptionBot", null), now));
            await notices.SaveWithNoticeAsync(db, PortfolioCards.ParkedNotice(idea, $"Parked use case due for review: {idea.DisplayId}", $"Parked use cases are reviewed every {months} months: resume it, or leave it parked (it is put before you again in {months} months)."), $"parked-review:{idea.Id}:{now:yyyyMMdd}", cancellationToken);
        }

        return due.Count;
    }
}

internal static partial class PortfolioLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the first-answer promise failed; it is checked again in an hour")]
    public static partial void WatchFailed(ILogger logger, Exception exception);
}
