using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>
/// Flags ideas whose first answer is late: first to their programme contact (when one is named), one working day later
/// to every member of the portfolio team; each flag once, also with several instances (outbox dedup keys). Reminds the
/// team of parked use cases due for review (Portfolio:ParkedReviewMonths after they were parked or last reviewed).
/// </summary>
public sealed class PortfolioWatch(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    FirstAnswerPromise promise,
    TeamNotices notices,
    IOptions<PortfolioRulesOptions> rules,
    TimeProvider time,
    ILogger<PortfolioWatch> logger) : BackgroundService
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
