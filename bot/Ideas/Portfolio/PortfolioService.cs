using System.Text.Json;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>What a portfolio action came to.</summary>
public abstract record PortfolioResult
{
    public sealed record Done(Idea Idea, string Message) : PortfolioResult;

    /// <summary>Refused with a reason; nothing was changed.</summary>
    public sealed record Refused(string Message) : PortfolioResult;

    /// <summary>The move's gate has open criteria; nothing was changed.</summary>
    public sealed record GateOpen(Idea Idea, GateState Gate) : PortfolioResult;

    /// <summary>The move goes to the board: it is on the agenda of <see cref="BoardItem.MeetingDate"/>.</summary>
    public sealed record OnBoardAgenda(Idea Idea, BoardItem Item, string Why) : PortfolioResult;
}

/// <summary>What an assessor enters on the assessment card.</summary>
public sealed record AssessmentInput(int Value, string ValueRationale, int Feasibility, string FeasibilityRationale, string DataAvailability, string ReuseCheck, string SuccessCriteria);

/// <summary>
/// The portfolio office's work on a use case: the first answer, the assessment, the EU AI Act screening, gate ticks and
/// moves with the decision rights of the guideline (the office up to its budget limit, the board above it and for
/// high-risk use cases). Every change is one transaction with its history entry.
/// </summary>
public sealed class PortfolioService(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IdeaService ideas,
    StatusUpdates updates,
    TeamNotices notices,
    GateCheck gates,
    WorkingCalendar calendar,
    IOptions<PortfolioRulesOptions> options,
    TimeProvider time)
{
    /// <summary>The answers to "are the data it needs available?", and how forms show them.</summary>
    public static readonly IReadOnlyList<(string Value, string Title)> DataAvailabilityChoices = [("available", "Available"), ("partly", "Partly available"), ("missing", "Missing")];

    public static readonly IReadOnlyList<string> DataAvailabilities = [.. DataAvailabilityChoices.Select(c => c.Value)];

    /// <summary>Accept for assessment (the actor becomes the programme contact), or decline with a reason.</summary>
    public async Task<PortfolioResult> AnswerAsync(int ideaId, string answer, string? comment, string? mergeInto, int? version, Actor actor, CancellationToken cancellationToken)
    {
        var idea = await ideas.GetAsync(ideaId, cancellationToken);
        if (idea is null)
        {
            return new PortfolioResult.Refused($"{Idea.FormatId(ideaId)} does not exist.");
        }

        if (idea.Status != PipelineStages.Submitted)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} already has its answer: it is in {PipelineStages.DisplayName(idea.Status)}.");
        }

        var now = Now();
        switch (answer)
        {
            case FirstAnswers.Accepted:
                return Moved(await ideas.SetStatusAsync(ideaId, PipelineStages.Assessment, Text(comment) ?? $"Accepted for assessment. Your programme contact is {actor.Name}.", version, actor, cancellationToken, i =>
                {
                    i.FirstAnswer = FirstAnswers.Accepted;
                    i.FirstAnswerAtUtc ??= now;
                    i.ClockPausedAtUtc = null;
                    i.ProgrammeContactName = actor.Name;
                    i.ProgrammeContactObjectId = actor.ObjectId;
                    i.OwnerName ??= i.SubmitterName;
                    i.OwnerObjectId ??= i.SubmitterObjectId;
                }), "accepted for assessment");
            case FirstAnswers.Declined:
                if (Text(comment) is null)
                {
                    return new PortfolioResult.Refused($"Say why {idea.DisplayId} is declined: write the reason in the comment field. The submitter reads it, and can submit again when things change.");
                }

                return Moved(await ideas.SetStatusAsync(ideaId, PipelineStages.Rejected, comment, version, actor, cancellationToken, i =>
                {
                    i.FirstAnswer = FirstAnswers.Declined;
                    i.FirstAnswerAtUtc ??= now;
                    i.ClockPausedAtUtc = null;
                }), "declined");
            case FirstAnswers.Merged:
                return await MergeAsync(idea, mergeInto, comment, version, actor, now, cancellationToken);
            case FirstAnswers.MoreInformation:
                return await AskForInformationAsync(idea, comment, version, actor, now, cancellationToken);
            default:
                return new PortfolioResult.Refused($"'{CardText.Plain(TextCut.Cut(answer, 40))}' is not one of the four first answers.");
        }
    }

    private async Task<PortfolioResult> MergeAsync(Idea idea, string? mergeInto, string? comment, int? version, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var target = string.IsNullOrWhiteSpace(mergeInto) ? null : await ideas.FindAsync(mergeInto, cancellationToken);
        if (target is null || target.Id == idea.Id)
        {
            return new PortfolioResult.Refused($"Name the use case to merge {idea.DisplayId} into, for example UC-101 or IDEA-0007, in the field beside the button.");
        }

        // The submitter is introduced to the other use case's owner: only one everyone can already see in the catalogue.
        if (!target.Published || !TenantScope.Sees(idea.TenantId, target.TenantId))
        {
            return new PortfolioResult.Refused($"{target.DisplayId} is not in the catalogue, so its owner cannot be introduced to another submitter. Accept {idea.DisplayId} instead, or publish {target.DisplayId} first.");
        }

        var owner = target.OwnerName ?? target.SubmitterName;
        var contact = string.IsNullOrWhiteSpace(target.OwnerContact) ? "" : $" ({target.OwnerContact})";
        var introduction = $"Merged with {target.DisplayId} {target.Title}: its owner {owner}{contact} knows about your idea and will be in touch.";
        return Moved(await ideas.SetStatusAsync(idea.Id, PipelineStages.Merged, Text(comment) is { } note ? $"{introduction} {note}" : introduction, version, actor, cancellationToken, i =>
        {
            i.FirstAnswer = FirstAnswers.Merged;
            i.FirstAnswerAtUtc ??= now;
            i.ClockPausedAtUtc = null;
            i.MergedIntoId = target.Id;
        }), $"merged into {target.DisplayId}");
    }

    private async Task<PortfolioResult> AskForInformationAsync(Idea seen, string? comment, int? version, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        if (Text(comment) is not { } question)
        {
            return new PortfolioResult.Refused($"Write what you need to know about {seen.DisplayId} in the comment field: the submitter gets it as a question.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstAsync(i => i.Id == seen.Id, cancellationToken);
        if (version is { } v && v != idea.Version)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} was changed by someone else meanwhile. Nothing was changed — look at it again.");
        }

        if (idea.ClockPausedAtUtc is not null)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} already waits for the submitter's answer to an earlier question.");
        }

        idea.FirstAnswer = FirstAnswers.MoreInformation;
        idea.ClockPausedAtUtc = now;
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(Entry(idea, IdeaHistoryKinds.FirstAnswer, "More information needed: " + question, actor, now));
        var card = PortfolioCards.InformationRequest(idea, question, actor.Name);
        try
        {
            var told = await updates.SaveWithSubmitterNoticeAsync(db, idea, card, $"info-request:{idea.Id}:v{idea.Version}", actor, cancellationToken);
            return new PortfolioResult.Done(idea, told
                ? $"{idea.DisplayId}: the submitter was asked for more information; the five-day clock pauses until they answer."
                : $"{idea.DisplayId}: the question is recorded, but I have no chat with the submitter to send it to; the clock pauses.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} was changed by someone else meanwhile. Nothing was changed — look at it again.");
        }
    }

    /// <summary>The submitter adds the information the office asked for: it joins the history and the clock runs again.</summary>
    public async Task<PortfolioResult> AddInformationAsync(int ideaId, string? text, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        if (idea is null || actor.ObjectId is null || !string.Equals(idea.SubmitterObjectId, actor.ObjectId, StringComparison.OrdinalIgnoreCase))
        {
            return new PortfolioResult.Refused("Only the person who submitted this idea can add to it.");
        }

        if (Text(text) is not { } information)
        {
            return new PortfolioResult.Refused("Write your answer in the field above the button, then send it.");
        }

        if (idea.ClockPausedAtUtc is not { } pausedAt)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} is not waiting for information from you any more. Type **idea {idea.DisplayId}** to see where it stands.");
        }

        var now = Now();
        idea.PausedWorkingDays += calendar.WorkingDaysBetween(calendar.LocalDate(pausedAt), calendar.LocalDate(now));
        idea.ClockPausedAtUtc = null;
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(Entry(idea, IdeaHistoryKinds.Info, TextCut.Cut(information, PortfolioLimits.Rationale), actor, now));
        await db.SaveChangesAsync(cancellationToken);
        return new PortfolioResult.Done(idea, $"Thank you. Your answer was added to {idea.DisplayId}; the portfolio office comes back to you with its answer.");
    }

    /// <summary>The business owner (or the submitter) asks the portfolio office to revive a parked use case; the team gets the request.</summary>
    public async Task<PortfolioResult> AskToReviveAsync(int ideaId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        var id = actor.ObjectId;
        if (idea is null || id is null || !(string.Equals(idea.OwnerObjectId, id, StringComparison.OrdinalIgnoreCase) || string.Equals(idea.SubmitterObjectId, id, StringComparison.OrdinalIgnoreCase)))
        {
            return new PortfolioResult.Refused("Only the business owner of a parked use case can ask to revive it.");
        }

        if (idea.Status != PipelineStages.Parked)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} is not parked: it is in {PipelineStages.DisplayName(idea.Status)}.");
        }

        var now = Now();
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(Entry(idea, IdeaHistoryKinds.Review, "its owner asks to revive it with a new assessment", actor, now));
        try
        {
            await notices.SaveWithNoticeAsync(db, PortfolioCards.ParkedNotice(idea, $"{actor.Name} asks to revive {idea.DisplayId}", "Its business owner asks for a new assessment. Resuming it puts it back into assessment; its gate applies."), $"revive:{idea.Id}:v{idea.Version}", cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} was changed meanwhile; look at it again.");
        }

        return new PortfolioResult.Done(idea, $"The portfolio office has your request to revive {idea.DisplayId}; it comes back to you.");
    }

    /// <summary>Records an assessment sheet. The assessor may not be the submitter.</summary>
    public async Task<PortfolioResult> AssessAsync(int ideaId, AssessmentInput input, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        if (idea is null)
        {
            return new PortfolioResult.Refused($"{Idea.FormatId(ideaId)} does not exist.");
        }

        if (actor.ObjectId is not null && string.Equals(idea.SubmitterObjectId, actor.ObjectId, StringComparison.OrdinalIgnoreCase))
        {
            return new PortfolioResult.Refused($"You submitted {idea.DisplayId}, so someone else assesses it: at least one assessor is not the submitter.");
        }

        var problems = new List<string>();
        if (input.Value is < 1 or > 5)
        {
            problems.Add("value 1 to 5");
        }

        if (input.Feasibility is < 1 or > 5)
        {
            problems.Add("feasibility 1 to 5");
        }

        if (Text(input.ValueRationale) is null || Text(input.FeasibilityRationale) is null)
        {
            problems.Add("a rationale for value and for feasibility");
        }

        if (!DataAvailabilities.Contains(input.DataAvailability))
        {
            problems.Add("whether the data are available");
        }

        if (Text(input.ReuseCheck) is null)
        {
            problems.Add("what the reuse check found");
        }

        if (Text(input.SuccessCriteria) is null)
        {
            problems.Add("measurable success criteria");
        }

        if (problems.Count > 0)
        {
            return new PortfolioResult.Refused($"The assessment of {idea.DisplayId} needs {string.Join(", ", problems)}. Nothing was stored.");
        }

        var now = Now();
        var assessment = new Assessment
        {
            IdeaId = idea.Id,
            Value = input.Value,
            ValueRationale = Cut(input.ValueRationale),
            Feasibility = input.Feasibility,
            FeasibilityRationale = Cut(input.FeasibilityRationale),
            DataAvailability = input.DataAvailability,
            ReuseCheck = Cut(input.ReuseCheck),
            SuccessCriteria = Cut(input.SuccessCriteria),
            AssessorObjectId = actor.ObjectId,
            AssessorName = actor.Name,
            AssessedAtUtc = now,
        };
        db.Assessments.Add(assessment);
        idea.Score = assessment.Score;
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(Entry(idea, IdeaHistoryKinds.Assessment, $"score {assessment.Score} (value {input.Value} × feasibility {input.Feasibility}), data {input.DataAvailability}", actor, now));
        await db.SaveChangesAsync(cancellationToken);
        return new PortfolioResult.Done(idea, $"{idea.DisplayId} assessed: score {assessment.Score} of 25 (value {input.Value} × feasibility {input.Feasibility}).");
    }

    /// <summary>Records an EU AI Act screening and the class it gives, with every answer and who gave them.</summary>
    public async Task<PortfolioResult> ScreenAsync(int ideaId, ScreeningAnswers answers, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        if (idea is null)
        {
            return new PortfolioResult.Refused($"{Idea.FormatId(ideaId)} does not exist.");
        }

        if (!AiActScreener.Roles.Any(r => r.Value == answers.Role))
        {
            return new PortfolioResult.Refused("Say whether the company is the provider or the deployer of the system. Nothing was stored.");
        }

        var result = AiActScreener.Classify(answers);
        var now = Now();
        db.AiActScreenings.Add(new AiActScreening
        {
            IdeaId = idea.Id,
            Answers = JsonSerializer.Serialize(answers),
            Result = result.Class,
            Reason = TextCut.Cut(result.Reason, 500),
            Duties = result.Duties.Count == 0 ? null : string.Join('\n', result.Duties),
            Role = answers.Role,
            ScreenedByObjectId = actor.ObjectId,
            ScreenedByName = actor.Name,
            ScreenedAtUtc = now,
        });
        idea.AiActClass = result.Class;
        idea.AiActReason = TextCut.Cut(result.Reason, 500);
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(Entry(idea, IdeaHistoryKinds.Screening, $"{AiActClasses.DisplayName(result.Class)}: {result.Reason}", actor, now));
        await db.SaveChangesAsync(cancellationToken);
        var consequence = result.Class switch
        {
            AiActClasses.Prohibited => " It cannot move forward.",
            AiActClasses.HighRisk => " Its moves go to the board and need the sign-off of Legal's AI Act desk.",
            AiActClasses.Limited => " Its transparency duties join the pilot gate.",
            _ => "",
        };
        return new PortfolioResult.Done(idea, $"{idea.DisplayId} screened: {AiActClasses.DisplayName(result.Class)} — {result.Reason}.{consequence} Legal confirms the class; this screening is not legal advice.");
    }

    /// <summary>The gate of the next stage forward (or of <paramref name="stage"/>) for a use case; null when there is none.</summary>
    public async Task<GateState?> GateAsync(Idea idea, string? stage, CancellationToken cancellationToken)
    {
        var target = stage ?? IdeaStatuses.NextOf(idea.Status);
        if (target is null)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await gates.EvaluateAsync(db, idea, target, cancellationToken);
    }

    /// <summary>Ticks one criterion of a gate, with an optional link to the evidence; who may tick it is the criterion's rule.</summary>
    public async Task<PortfolioResult> TickAsync(int ideaId, string stage, string criterion, string? link, Actor actor, bool actorIsOffice, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        if (idea is null)
        {
            return new PortfolioResult.Refused($"{Idea.FormatId(ideaId)} does not exist.");
        }

        var gate = await gates.EvaluateAsync(db, idea, stage, cancellationToken);
        var item = gate?.Criteria.FirstOrDefault(c => string.Equals(c.Id, criterion, StringComparison.OrdinalIgnoreCase));
        if (gate is null || item is null)
        {
            return new PortfolioResult.Refused($"The gate of {PipelineStages.DisplayName(stage)} has no item '{CardText.Plain(TextCut.Cut(criterion, 60))}'.");
        }

        if (item.TickedBy is null)
        {
            return new PortfolioResult.Refused($"“{item.Text}” is checked by the bot from what the portfolio records; it cannot be ticked.");
        }

        if (item.Tick is { } done)
        {
            return new PortfolioResult.Refused($"“{item.Text}” was ticked by {CardText.Plain(done.TickedByName)} already.");
        }

        if (!MayTick(item.TickedBy, idea, actor, actorIsOffice))
        {
            return new PortfolioResult.Refused($"“{item.Text}” is ticked by {GateTickers.DisplayName(item.TickedBy)}.");
        }

        var cleanLink = Text(link) is { } l ? SafeLink(l) : null;
        if (Text(link) is not null && cleanLink is null)
        {
            return new PortfolioResult.Refused("The link must be a web address starting with https://. Nothing was ticked.");
        }

        var now = Now();
        db.GateTicks.Add(new GateTick { IdeaId = idea.Id, Stage = stage, Criterion = item.Id, Link = cleanLink, TickedByObjectId = actor.ObjectId, TickedByName = actor.Name, TickedAtUtc = now });
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(Entry(idea, IdeaHistoryKinds.Tick, $"{PipelineStages.DisplayName(stage)} gate: {item.Text}{(cleanLink is null ? "" : " — " + cleanLink)}", actor, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return new PortfolioResult.Refused($"“{item.Text}” was ticked by someone else a moment ago.");
        }

        return new PortfolioResult.Done(idea, $"Ticked for {idea.DisplayId}: {item.Text}.");
    }

    /// <summary>
    /// Moves a use case forward into <paramref name="stage"/>: refused with the open criteria when its gate is not met,
    /// refused when the screening found a prohibited practice, put on the next board agenda when the board decides, and
    /// otherwise moved now.
    /// </summary>
    /// <summary>
    /// A use case to the stage asked for, by the rule the bot's buttons follow: out of Submitted it is a first answer
    /// (accept, decline), one stage forward a move through the gate, anything else (park, reject, resume) a plain change.
    /// </summary>
    public async Task<PortfolioResult> ChangeStatusAsync(int ideaId, string status, string? comment, int? version, Actor actor, CancellationToken cancellationToken)
    {
        var current = await ideas.GetAsync(ideaId, cancellationToken);
        if (current is null)
        {
            return new PortfolioResult.Refused($"{Idea.FormatId(ideaId)} does not exist.");
        }

        return await PortfolioStepAsync(current, status, comment, version, actor, cancellationToken)
            ?? Moved(await ideas.SetStatusAsync(ideaId, status, comment, version, actor, cancellationToken), $"moved to {PipelineStages.DisplayName(status)}");
    }

    /// <summary>
    /// The portfolio's part of a change of stage: out of Submitted a first answer (accept, decline), one stage forward a
    /// move through the gate. Null for any other change (park, reject, resume), which is the idea's plain change.
    /// </summary>
    public async Task<PortfolioResult?> PortfolioStepAsync(Idea current, string status, string? comment, int? version, Actor actor, CancellationToken cancellationToken) =>
        current.Status == PipelineStages.Submitted && status == PipelineStages.Assessment ? await AnswerAsync(current.Id, FirstAnswers.Accepted, comment, null, version, actor, cancellationToken)
            : current.Status == PipelineStages.Submitted && status == PipelineStages.Rejected ? await AnswerAsync(current.Id, FirstAnswers.Declined, comment, null, version, actor, cancellationToken)
            : IdeaStatuses.NextOf(current.Status) == status ? await MoveAsync(current.Id, status, comment, version, actor, cancellationToken)
            : null;

    public async Task<PortfolioResult> MoveAsync(int ideaId, string stage, string? comment, int? version, Actor actor, CancellationToken cancellationToken)
    {
        var idea = await ideas.GetAsync(ideaId, cancellationToken);
        if (idea is null)
        {
            return new PortfolioResult.Refused($"{Idea.FormatId(ideaId)} does not exist.");
        }

        if (!IdeaStatuses.CanMove(idea.Status, stage))
        {
            return new PortfolioResult.Refused($"{idea.DisplayId} is in {PipelineStages.DisplayName(idea.Status)}; it cannot move to {PipelineStages.DisplayName(stage)}.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gate = await gates.EvaluateAsync(db, idea, stage, cancellationToken);
        if (gate is not null)
        {
            if (gate.Prohibited)
            {
                return new PortfolioResult.Refused($"{idea.DisplayId} cannot move forward: its AI Act screening found a prohibited practice ({idea.AiActReason}).");
            }

            if (gate.Missing.Count > 0)
            {
                return new PortfolioResult.GateOpen(idea, gate);
            }

            if (gate.Decider == GateDeciders.Board && !await BoardApprovedAsync(db, idea.Id, stage, cancellationToken))
            {
                return await QueueForBoardAsync(db, idea, stage, gate.DeciderReason!, actor, cancellationToken);
            }
        }

        return Moved(await ideas.SetStatusAsync(ideaId, stage, comment, version, actor, cancellationToken), $"moved to {PipelineStages.DisplayName(stage)}");
    }

    internal static Task<bool> BoardApprovedAsync(AdoptionBotDbContext db, int ideaId, string stage, CancellationToken cancellationToken) =>
        db.BoardItems.AnyAsync(b => b.IdeaId == ideaId && b.ToStage == stage && b.Decision == BoardDecisions.Approved, cancellationToken);

    private async Task<PortfolioResult> QueueForBoardAsync(AdoptionBotDbContext db, Idea idea, string stage, string why, Actor actor, CancellationToken cancellationToken)
    {
        var waiting = await db.BoardItems.FirstOrDefaultAsync(b => b.IdeaId == idea.Id && b.ToStage == stage && b.Decision == null, cancellationToken);
        if (waiting is not null)
        {
            return new PortfolioResult.OnBoardAgenda(idea, waiting, why);
        }

        var now = Now();
        var item = new BoardItem
        {
            IdeaId = idea.Id,
            ToStage = stage,
            Reason = TextCut.Cut(why, 500),
            MeetingDate = calendar.MeetingForPapersOn(calendar.LocalDate(now)),
            QueuedByObjectId = actor.ObjectId,
            QueuedByName = actor.Name,
            QueuedAtUtc = now,
            Version = 1,
        };
        db.BoardItems.Add(item);
        var tracked = await db.Ideas.FirstAsync(i => i.Id == idea.Id, cancellationToken);
        tracked.UpdatedAtUtc = now;
        tracked.Version++;
        db.IdeaStatusChanges.Add(Entry(tracked, IdeaHistoryKinds.Board, $"move to {PipelineStages.DisplayName(stage)} put on the board agenda of {item.MeetingDate:d MMM yyyy}: {why}", actor, now));
        await db.SaveChangesAsync(cancellationToken);
        return new PortfolioResult.OnBoardAgenda(tracked, item, why);
    }

    private bool MayTick(string tickedBy, Idea idea, Actor actor, bool actorIsOffice) => tickedBy switch
    {
        GateTickers.Legal => actor.ObjectId is { } id && options.Value.LegalReviewers.Contains(id, StringComparer.OrdinalIgnoreCase),
        GateTickers.Owner => actorIsOffice || (actor.ObjectId is { } id && (string.Equals(idea.OwnerObjectId, id, StringComparison.OrdinalIgnoreCase) || string.Equals(idea.SubmitterObjectId, id, StringComparison.OrdinalIgnoreCase))),
        _ => actorIsOffice,
    };

    private static PortfolioResult Moved(StatusResult result, string what) => result switch
    {
        StatusResult.Changed changed => new PortfolioResult.Done(changed.Idea, $"{changed.Idea.DisplayId} {what}. Its submitter and the channels of its business unit are told."),
        StatusResult.NotAllowed notAllowed => new PortfolioResult.Refused(notAllowed.Message + " Nothing was changed."),
        StatusResult.Conflict conflict => new PortfolioResult.Refused($"{conflict.Idea.DisplayId} was changed by someone else meanwhile; it is now in {PipelineStages.DisplayName(conflict.Idea.Status)}. Nothing was changed — look at it again."),
        StatusResult.NotFound notFound => new PortfolioResult.Refused($"{Idea.FormatId(notFound.IdeaId)} does not exist."),
        _ => new PortfolioResult.Refused("Nothing was changed."),
    };

    internal static IdeaStatusChange Entry(Idea idea, string kind, string comment, Actor actor, DateTime now) => new()
    {
        IdeaId = idea.Id,
        FromStatus = idea.Status,
        ToStatus = idea.Status,
        Kind = kind,
        Comment = TextCut.Cut(comment, 1000),
        ChangedByObjectId = actor.ObjectId,
        ChangedByName = actor.Name,
        ChangedAtUtc = now,
    };

    /// <summary>An https address without spaces, as given; anything else is not stored as a link.</summary>
    internal static string? SafeLink(string link) =>
        Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !link.Trim().Any(char.IsWhiteSpace) && link.Length <= PortfolioLimits.Link
            ? uri.AbsoluteUri
            : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Cut(string value) => TextCut.Cut(value.Trim(), PortfolioLimits.Rationale);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
