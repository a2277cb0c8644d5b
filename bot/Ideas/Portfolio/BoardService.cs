using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>A move on the board's agenda with the use case it moves.</summary>
public sealed record AgendaItem(BoardItem Item, Idea Idea);

/// <summary>The agenda of one meeting: the moves waiting for its decision (also those an earlier meeting left open).</summary>
public sealed record BoardAgenda(DateOnly Meeting, DateOnly PapersDue, IReadOnlyList<AgendaItem> Items);

/// <summary>
/// The portfolio board: its next agenda, built from the moves waiting for a board decision; recording a decision
/// (approve moves the use case, decline and defer keep it where it is) tells the owner at once. A high-risk use case is
/// approved only with the sign-off of one of Portfolio:LegalReviewers.
/// </summary>
public sealed class BoardService(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IdeaService ideas,
    StatusUpdates updates,
    WorkingCalendar calendar,
    IOptions<PortfolioRulesOptions> options,
    TimeProvider time)
{
    public async Task<BoardAgenda> NextAgendaAsync(CancellationToken cancellationToken)
    {
        var meeting = calendar.NextMeetingOnOrAfter(calendar.LocalDate(Now()));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await db.BoardItems.AsNoTracking().Where(b => b.Decision == null && b.MeetingDate <= meeting).OrderBy(b => b.MeetingDate).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        var ids = items.Select(i => i.IdeaId).ToList();
        var byId = await db.Ideas.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        return new BoardAgenda(meeting, calendar.PapersDue(meeting), [.. items.Where(i => byId.ContainsKey(i.IdeaId)).Select(i => new AgendaItem(i, byId[i.IdeaId]))]);
    }

    /// <summary>The high-risk moves waiting for Legal's sign-off.</summary>
    public async Task<IReadOnlyList<AgendaItem>> AwaitingSignOffAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await db.BoardItems.AsNoTracking().Where(b => b.Decision == null && b.LegalSignOffAtUtc == null).OrderBy(b => b.MeetingDate).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        var ids = items.Select(i => i.IdeaId).ToList();
        var byId = await db.Ideas.AsNoTracking().Where(i => ids.Contains(i.Id) && i.AiActClass == AiActClasses.HighRisk).ToDictionaryAsync(i => i.Id, cancellationToken);
        return [.. items.Where(i => byId.ContainsKey(i.IdeaId)).Select(i => new AgendaItem(i, byId[i.IdeaId]))];
    }

    public bool IsLegalReviewer(string? objectId) =>
        objectId is not null && options.Value.LegalReviewers.Any(r => string.Equals(r.Trim(), objectId, StringComparison.OrdinalIgnoreCase));

    public async Task<PortfolioResult> SignOffAsync(long itemId, Actor actor, CancellationToken cancellationToken)
    {
        if (!IsLegalReviewer(actor.ObjectId))
        {
            return new PortfolioResult.Refused("Only Legal's AI Act desk (Portfolio:LegalReviewers) signs off high-risk use cases.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.BoardItems.FirstOrDefaultAsync(b => b.Id == itemId, cancellationToken);
        var idea = item is null ? null : await db.Ideas.FirstOrDefaultAsync(i => i.Id == item.IdeaId, cancellationToken);
        if (item is null || idea is null || item.Decision is not null)
        {
            return new PortfolioResult.Refused("This agenda item is decided or gone. Type **legal review** for the current list.");
        }

        if (item.LegalSignOffAtUtc is not null)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} was signed off by {CardText.Plain(item.LegalSignOffByName ?? "")} already.");
        }

        var now = Now();
        item.LegalSignOffAtUtc = now;
        item.LegalSignOffByObjectId = actor.ObjectId;
        item.LegalSignOffByName = TextCut.Cut(actor.Name, 200);

        // The version stands for the decision: the agenda card the board has open stays good after Legal's sign-off.
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(PortfolioService.Entry(idea, IdeaHistoryKinds.Board, $"Legal sign-off of the move to {PipelineStages.DisplayName(item.ToStage)} ({AiActClasses.DisplayName(idea.AiActClass)}: {idea.AiActReason})", actor, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PortfolioResult.Refused("Someone changed this agenda item a moment ago. Type **legal review** for the current list.");
        }

        return new PortfolioResult.Done(idea, $"{idea.DisplayId} signed off for the board.");
    }

    /// <summary>Records the board's decision on one agenda item and tells the owner.</summary>
    public async Task<PortfolioResult> DecideAsync(long itemId, string decision, string? comment, int? version, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.BoardItems.FirstOrDefaultAsync(b => b.Id == itemId, cancellationToken);
        var idea = item is null ? null : await db.Ideas.FirstOrDefaultAsync(i => i.Id == item.IdeaId, cancellationToken);
        if (item is null || idea is null)
        {
            return new PortfolioResult.Refused("This agenda item does not exist. Type **board** for the current agenda.");
        }

        if (item.Decision is not null || (version is { } seen && seen != item.Version))
        {
            return new PortfolioResult.Refused($"The board's decision on {idea.DisplayId} was recorded by {(item.DecidedByName is { } by ? CardText.Plain(by) : "someone else")} meanwhile. Type **board** for the current agenda.");
        }

        var note = string.IsNullOrWhiteSpace(comment) ? null : TextCut.Cut(comment.Trim(), PortfolioLimits.Rationale);
        var now = Now();
        switch (decision)
        {
            case BoardDecisions.Approved:
                if (idea.AiActClass == AiActClasses.HighRisk && item.LegalSignOffAtUtc is null)
                {
                    return new PortfolioResult.Refused($"{idea.DisplayId} is high-risk: its move needs the sign-off of Legal's AI Act desk before the board approves it.");
                }

                Record(item, decision, note, actor, now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return new PortfolioResult.Refused($"The board's decision on {idea.DisplayId} was recorded by someone else meanwhile. Type **board** for the current agenda.");
                }

                // The move announces itself to the submitter and the unit's channels; the gate's guard sees the approval.
                var moved = await ideas.SetStatusAsync(idea.Id, item.ToStage, note ?? $"Approved by the portfolio board on {item.MeetingDate:d MMM yyyy}.", null, actor, cancellationToken);
                if (moved is StatusResult.Changed changed)
                {
                    return new PortfolioResult.Done(changed.Idea, $"The board approved {idea.DisplayId}: it moved to {PipelineStages.DisplayName(item.ToStage)}, and its owner is told.");
                }

                // The move could not be made (a gate item was withdrawn, the idea moved elsewhere): the decision is taken back.
                await db.BoardItems.Where(b => b.Id == item.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Decision, (string?)null).SetProperty(b => b.DecidedAtUtc, (DateTime?)null).SetProperty(b => b.OwnerToldAtUtc, (DateTime?)null), cancellationToken);
                return new PortfolioResult.Refused(moved is StatusResult.NotAllowed refused ? refused.Message + " The decision was not recorded." : $"{idea.DisplayId} could not be moved; the decision was not recorded.");
            case BoardDecisions.Declined or BoardDecisions.Deferred:
                if (decision == BoardDecisions.Declined && note is null)
                {
                    return new PortfolioResult.Refused($"Say why the board declines the move of {idea.DisplayId}: write it in the comment field; its owner reads it.");
                }

                var next = decision == BoardDecisions.Deferred ? calendar.NextMeetingOnOrAfter(item.MeetingDate.AddDays(1)) : (DateOnly?)null;
                Record(item, decision, note, actor, now);
                idea.UpdatedAtUtc = now;
                idea.Version++;
                var what = next is { } later
                    ? $"The board deferred the move to {PipelineStages.DisplayName(item.ToStage)} to its meeting on {later:d MMM yyyy}"
                    : $"The board declined the move to {PipelineStages.DisplayName(item.ToStage)}";
                db.IdeaStatusChanges.Add(PortfolioService.Entry(idea, IdeaHistoryKinds.Board, note is null ? what : $"{what}: {note}", actor, now));
                if (next is { } meeting)
                {
                    db.BoardItems.Add(new BoardItem
                    {
                        IdeaId = idea.Id,
                        ToStage = item.ToStage,
                        Reason = item.Reason,
                        MeetingDate = meeting,
                        QueuedByObjectId = actor.ObjectId,
                        QueuedByName = actor.Name,
                        QueuedAtUtc = now,
                        LegalSignOffAtUtc = item.LegalSignOffAtUtc,
                        LegalSignOffByName = item.LegalSignOffByName,
                        LegalSignOffByObjectId = item.LegalSignOffByObjectId,
                        Version = 1,
                    });
                }

                try
                {
                    await updates.SaveWithSubmitterNoticeAsync(db, idea, PortfolioCards.BoardDecisionNotice(idea, what, note), $"board:{item.Id}:{decision}", actor, cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return new PortfolioResult.Refused($"The board's decision on {idea.DisplayId} was recorded by someone else meanwhile. Type **board** for the current agenda.");
                }

                return new PortfolioResult.Done(idea, $"{what}. Its owner is told.");
            default:
                return new PortfolioResult.Refused("The board approves, declines or defers.");
        }
    }

    private static void Record(BoardItem item, string decision, string? note, Actor actor, DateTime now)
    {
        item.Decision = decision;
        item.DecisionComment = note;
        item.DecidedAtUtc = now;
        item.DecidedByObjectId = actor.ObjectId;
        item.DecidedByName = TextCut.Cut(actor.Name, 200);
        item.OwnerToldAtUtc = now;
        item.Version++;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
