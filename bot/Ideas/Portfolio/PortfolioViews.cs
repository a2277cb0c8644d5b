using System.Text.Json;
using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>What the board shows; every value null or false means no filter. <see cref="Text"/> matches id, title, unit and owner.</summary>
public sealed record BoardFilter(string? Unit = null, string? Stage = null, string? AiActClass = null, string? Owner = null, bool OverdueOnly = false, string? Text = null);

/// <summary>One use case on the board.</summary>
public sealed record BoardCard(int Id, string DisplayId, string Title, string BusinessUnit, string Stage, int? Score, string? AiActClass, int DaysInStage, IReadOnlyList<string> Flags, string? OwnerName);

/// <summary>One stage of the board: the best-scored cards (at most the page's limit) and how many match in all.</summary>
public sealed record BoardColumn(string Stage, IReadOnlyList<BoardCard> Cards, int Count);

/// <summary>The values the board's filters offer, taken from the portfolio as it is.</summary>
public sealed record BoardChoices(IReadOnlyList<string> Units, IReadOnlyList<string> Owners, IReadOnlyList<string> Stages, IReadOnlyList<string> Classes);

public sealed record BoardView(IReadOnlyList<BoardColumn> Columns, int Matching, int InPipeline, BoardChoices Choices);

/// <summary>A use case on the value × feasibility matrix (its latest assessment).</summary>
public sealed record MatrixPoint(int Id, string DisplayId, string Title, string Stage, string BusinessUnit, int Value, int Feasibility);

/// <summary>A use case as a list shows it.</summary>
public sealed record UseCaseSummary(int Id, string DisplayId, string Title, string BusinessUnit, string Status, DateTime StageEnteredAtUtc, string? ParkedReason, string? OwnerName, string? AiActClass, string? AiActReason, string SubmitterName)
{
    public static string FormatId(int id) => Idea.FormatId(id);

    internal static UseCaseSummary Of(Idea idea) =>
        new(idea.Id, idea.DisplayId, idea.Title, idea.BusinessUnit, idea.Status, idea.StageEnteredAtUtc, idea.ParkedReason, idea.OwnerName, idea.AiActClass, idea.AiActReason, idea.SubmitterName);
}

/// <summary>One line of a use case's history.</summary>
public sealed record HistoryEntry(DateTime AtUtc, string By, string? From, string To, string Kind, string? Comment);

/// <summary>A criterion of a gate: met or open, who may tick it, and the tick when there is one.</summary>
public sealed record CriterionView(string Id, string Text, bool Met, string? TickedByRole, string? TickedByName, DateTime? TickedAtUtc, string? Link);

/// <summary>The next gate of a use case.</summary>
public sealed record GateView(string Stage, IReadOnlyList<CriterionView> Criteria, string Decider, string? DeciderReason)
{
    public IReadOnlyList<CriterionView> Missing => [.. Criteria.Where(c => !c.Met)];

    internal static GateView Of(GateState gate) => new(
        gate.Stage,
        [.. gate.Criteria.Select(c => new CriterionView(c.Id, c.Text, c.Met, c.TickedBy, c.Tick?.TickedByName, c.Tick?.TickedAtUtc, c.Tick?.Link))],
        gate.Decider,
        gate.DeciderReason);
}

public sealed record AssessmentView(int Value, string ValueRationale, int Feasibility, string FeasibilityRationale, string DataAvailability, string ReuseCheck, string SuccessCriteria, string AssessorName, DateTime AssessedAtUtc);

public sealed record ScreeningView(string Result, string Reason, string Role, string ScreenedByName, DateTime ScreenedAtUtc, IReadOnlyList<KeyValuePair<string, string>> Answers);

public sealed record BoardItemView(long Id, string ToStage, string Reason, DateOnly MeetingDate, string? Decision, string? LegalSignOffByName, int Version);

/// <summary>Everything a use case's page shows.</summary>
public sealed record UseCaseView(
    UseCaseSummary Summary,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    int? Score,
    int Version,
    IReadOnlyList<HistoryEntry> History,
    AssessmentView? Assessment,
    ScreeningView? Screening,
    GateView? Gate,
    IReadOnlyList<BoardItemView> BoardItems,
    PromiseState? Promise);

/// <summary>One of the reader's own ideas: where it stands, what its gate still needs, how it got there.</summary>
public sealed record OwnIdea(UseCaseSummary Summary, GateView? Gate, IReadOnlyList<HistoryEntry> History);

/// <summary>A page of the published catalogue.</summary>
public sealed record CataloguePage(IReadOnlyList<UseCaseSummary> Entries, int Total, int Page, int PageSize);

/// <summary>
/// The portfolio read for pages rather than cards: the board with its filters, the matrix, a use case with its
/// assessment, screening, gate and board items, the catalogue. It reads and never changes; changes go through
/// <see cref="PortfolioService"/>, <see cref="BoardService"/> and <see cref="IdeaService"/> as the bot's do.
/// </summary>
public sealed class PortfolioViews(IDbContextFactory<AdoptionBotDbContext> contexts, GateCheck gates, FirstAnswerPromise promise, TimeProvider time)
{
    /// <summary>The board's stages, left to right.</summary>
    public static readonly IReadOnlyList<string> BoardStages =
        [PipelineStages.Submitted, PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot, PipelineStages.Rollout, PipelineStages.Parked];

    public const string FirstAnswerOverdue = "first answer overdue";
    public const string BoardDecisionPending = "on the board agenda";

    private static readonly string[] OnBoard = [.. BoardStages, PipelineStages.Idea];

    /// <summary>The board, each column sorted by score (unscored last), at most <paramref name="perColumn"/> cards each.</summary>
    public async Task<BoardView> BoardAsync(BoardFilter filter, int perColumn, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Ideas.AsNoTracking()
            .Where(i => OnBoard.Contains(i.Status))
            .Select(i => new BoardRow(i.Id, i.ExternalRef, i.Title, i.BusinessUnit, i.Status, i.Score, i.AiActClass, i.StageEnteredAtUtc, i.OwnerName, i.Origin, i.CreatedAtUtc, i.ClockPausedAtUtc, i.PausedWorkingDays))
            .ToListAsync(cancellationToken);
        var agenda = (await db.BoardItems.AsNoTracking().Where(b => b.Decision == null).Select(b => b.IdeaId).ToListAsync(cancellationToken)).ToHashSet();

        var now = time.GetUtcNow().UtcDateTime;
        var cards = rows.Select(r => ToCard(r, agenda.Contains(r.Id), now)).ToList();
        var choices = new BoardChoices(
            Distinct(cards.Select(c => c.BusinessUnit)),
            Distinct(cards.Select(c => c.OwnerName)),
            BoardStages,
            [AiActClasses.Prohibited, AiActClasses.HighRisk, AiActClasses.Limited, AiActClasses.Minimal]);

        var matching = cards.Where(c => Matches(c, filter)).ToList();
        var columns = BoardStages
            .Where(stage => filter.Stage is null || string.Equals(stage, filter.Stage, StringComparison.OrdinalIgnoreCase))
            .Select(stage =>
            {
                var inStage = matching.Where(c => c.Stage == stage).ToList();
                var shown = inStage.OrderByDescending(c => c.Score ?? -1).ThenByDescending(c => c.DaysInStage).ThenBy(c => c.Id).Take(Math.Max(0, perColumn)).ToList();
                return new BoardColumn(stage, shown, inStage.Count);
            })
            .ToList();
        return new BoardView(columns, matching.Count, cards.Count, choices);
    }

    /// <summary>Every assessed use case still in the pipeline or parked, with the value and feasibility of its latest assessment.</summary>
    public async Task<IReadOnlyList<MatrixPoint>> MatrixAsync(string? unit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ideas = db.Ideas.AsNoTracking().Where(i => OnBoard.Contains(i.Status));
        if (!string.IsNullOrWhiteSpace(unit))
        {
            ideas = ideas.Where(i => i.BusinessUnit == unit);
        }

        var latest = await (
            from a in db.Assessments.AsNoTracking()
            join i in ideas on a.IdeaId equals i.Id
            select new { a.Id, a.IdeaId, a.Value, a.Feasibility, i.ExternalRef, i.Title, i.Status, i.BusinessUnit })
            .ToListAsync(cancellationToken);
        return [.. latest
            .GroupBy(a => a.IdeaId)
            .Select(g => g.MaxBy(a => a.Id)!)
            .Select(a => new MatrixPoint(a.IdeaId, a.ExternalRef ?? Idea.FormatId(a.IdeaId), a.Title, NormalStage(a.Status), a.BusinessUnit, a.Value, a.Feasibility))
            .OrderByDescending(p => p.Value * p.Feasibility)
            .ThenBy(p => p.Id)];
    }

    /// <summary>A use case with what the portfolio knows of it; null when there is none.</summary>
    public async Task<UseCaseView?> UseCaseAsync(int ideaId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.AsNoTracking().Include(i => i.History.OrderBy(h => h.ChangedAtUtc).ThenBy(h => h.Id)).FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        if (idea is null)
        {
            return null;
        }

        var assessment = await db.Assessments.AsNoTracking().Where(a => a.IdeaId == ideaId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var screening = await db.AiActScreenings.AsNoTracking().Where(s => s.IdeaId == ideaId).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        var board = await db.BoardItems.AsNoTracking().Where(b => b.IdeaId == ideaId).OrderBy(b => b.Id).ToListAsync(cancellationToken);
        var gate = await NextGateAsync(db, idea, cancellationToken);
        var mergedInto = idea.MergedIntoId is { } target ? await db.Ideas.AsNoTracking().Where(i => i.Id == target).Select(i => i.ExternalRef ?? Idea.FormatId(i.Id)).FirstOrDefaultAsync(cancellationToken) : null;
        var state = FirstAnswerPromise.AwaitsAnswer(idea) ? promise.StateOf(idea, time.GetUtcNow().UtcDateTime) : null;
        return new UseCaseView(
            UseCaseSummary.Of(idea),
            Fields(idea, mergedInto),
            idea.Score,
            idea.Version,
            History(idea),
            assessment is null ? null : new AssessmentView(assessment.Value, assessment.ValueRationale, assessment.Feasibility, assessment.FeasibilityRationale, assessment.DataAvailability, assessment.ReuseCheck, assessment.SuccessCriteria, assessment.AssessorName, assessment.AssessedAtUtc),
            screening is null ? null : new ScreeningView(screening.Result, screening.Reason, screening.Role, screening.ScreenedByName, screening.ScreenedAtUtc, ScreeningFacts(screening)),
            gate,
            [.. board.Select(b => new BoardItemView(b.Id, b.ToStage, b.Reason, b.MeetingDate, b.Decision, b.LegalSignOffByName, b.Version))],
            state);
    }

    /// <summary>The reader's own submissions, newest first, each with its next gate and its history.</summary>
    public async Task<IReadOnlyList<OwnIdea>> MineAsync(Viewer viewer, int max, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(viewer.ObjectId))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = await db.Ideas.AsNoTracking()
            .Include(i => i.History.OrderBy(h => h.ChangedAtUtc).ThenBy(h => h.Id))
            .Where(i => i.SubmitterObjectId == viewer.ObjectId)
            .OrderByDescending(i => i.Id)
            .Take(Math.Clamp(max, 1, 500))
            .ToListAsync(cancellationToken);
        var own = new List<OwnIdea>();
        foreach (var idea in mine.Where(i => IdeaVisibility.SeesWhole(i, viewer)))
        {
            own.Add(new OwnIdea(UseCaseSummary.Of(idea), await NextGateAsync(db, idea, cancellationToken), History(idea)));
        }

        return own;
    }

    /// <summary>The published catalogue the reader's tenant sees, searched in id, title, unit and problem, best known first.</summary>
    public async Task<CataloguePage> CatalogueAsync(Viewer viewer, string? text, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenant = viewer.TenantId;
        var query = db.Ideas.AsNoTracking().Where(i => i.Published && (i.TenantId == null || i.TenantId == tenant));
        var entries = await query
            .OrderBy(i => i.ExternalRef == null).ThenBy(i => i.ExternalRef).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        // Tenant ids are compared without regard to case, as everywhere (TenantScope).
        var visible = entries.Where(i => IdeaVisibility.SeesCatalogueEntry(i, viewer));
        if (!string.IsNullOrWhiteSpace(text))
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            visible = visible.Where(i => words.All(w => Contains(i.DisplayId, w) || Contains(i.Title, w) || Contains(i.BusinessUnit, w) || Contains(i.Problem, w)));
        }

        var all = visible.ToList();
        var size = Math.Clamp(pageSize, 1, 100);
        var number = Math.Clamp(page, 0, Math.Max(0, (all.Count - 1) / size));
        return new CataloguePage([.. all.Skip(number * size).Take(size).Select(UseCaseSummary.Of)], all.Count, number, size);
    }

    private async Task<GateView?> NextGateAsync(AdoptionBotDbContext db, Idea idea, CancellationToken cancellationToken) =>
        await gates.NextGateAsync(db, idea, cancellationToken) is { } gate ? GateView.Of(gate) : null;

    private static List<HistoryEntry> History(Idea idea) =>
        [.. idea.History.Select(h => new HistoryEntry(h.ChangedAtUtc, h.ChangedByName, h.FromStatus, h.ToStatus, h.Kind, h.Comment))];

    /// <summary>The record's own fields, in the order the page shows them; empty ones left out.</summary>
    private static List<KeyValuePair<string, string>> Fields(Idea idea, string? mergedInto)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var fields = new List<KeyValuePair<string, string>>();
        void Add(string title, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                fields.Add(new(title, value));
            }
        }

        Add("Problem", idea.Problem);
        Add("Solution", idea.Solution);
        Add("Benefit", idea.Benefit);
        Add("Data", idea.DataClassification + (idea.PersonalData ? ", personal data" : ""));
        Add("Submitted by", $"{idea.SubmitterName} on {idea.CreatedAtUtc.ToString("d MMM yyyy", culture)}");
        Add("Business owner", idea.OwnerName);
        Add("Programme contact", idea.ProgrammeContactName);
        Add("AI champion", idea.AiChampion);
        Add("Partner", idea.Partner is null ? null : idea.Partner + (idea.PartnerKind is null ? "" : $" ({idea.PartnerKind})"));
        Add("Budget requested", idea.BudgetRequested is { } requested ? requested.ToString("N0", culture) + " €" : null);
        Add("Budget approved", idea.BudgetApproved is { } approved ? approved.ToString("N0", culture) + " €" : null);
        Add("Benefit assumptions", idea.BenefitAssumptions);
        Add("Realised benefit", idea.RealisedBenefit);
        Add("Reports", idea.ReportLinks);
        Add("Merged into", mergedInto);
        return fields;
    }

    private BoardCard ToCard(BoardRow r, bool onAgenda, DateTime now)
    {
        var flags = new List<string>();
        var awaitsAnswer = FirstAnswerPromise.AwaitsAnswer(r.Origin, r.Status);
        if (awaitsAnswer && promise.StateOf(awaitsAnswer, r.CreatedAtUtc, r.ClockPausedAtUtc, r.PausedWorkingDays, now).Overdue)
        {
            flags.Add(FirstAnswerOverdue);
        }

        if (onAgenda)
        {
            flags.Add(BoardDecisionPending);
        }

        return new BoardCard(r.Id, r.ExternalRef ?? Idea.FormatId(r.Id), r.Title, r.BusinessUnit, NormalStage(r.Status), r.Score, r.AiActClass, Math.Max(0, (int)(now - r.StageEnteredAtUtc).TotalDays), flags, r.OwnerName);
    }

    private static string NormalStage(string status) => status == PipelineStages.Idea ? PipelineStages.Submitted : status;

    private static bool Matches(BoardCard card, BoardFilter filter) =>
        (filter.Unit is null || string.Equals(card.BusinessUnit, filter.Unit, StringComparison.OrdinalIgnoreCase))
        && (filter.AiActClass is null || (filter.AiActClass == "none" ? card.AiActClass is null : string.Equals(card.AiActClass, filter.AiActClass, StringComparison.OrdinalIgnoreCase)))
        && (filter.Owner is null || string.Equals(card.OwnerName, filter.Owner, StringComparison.OrdinalIgnoreCase))
        && (!filter.OverdueOnly || card.Flags.Contains(FirstAnswerOverdue))
        && (string.IsNullOrWhiteSpace(filter.Text) || filter.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w =>
            Contains(card.DisplayId, w) || Contains(card.Title, w) || Contains(card.BusinessUnit, w) || Contains(card.OwnerName, w)));

    private static bool Contains(string? text, string word) => text is not null && text.Contains(word, StringComparison.OrdinalIgnoreCase);

    private static List<string> Distinct(IEnumerable<string?> values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];

    private static List<KeyValuePair<string, string>> ScreeningFacts(AiActScreening? screening)
    {
        if (screening is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(screening.Answers);
            return [.. document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind switch
            {
                JsonValueKind.Array => string.Join(", ", p.Value.EnumerateArray().Select(v => v.ToString())) is { Length: > 0 } list ? list : "none",
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                _ => p.Value.ToString(),
            }))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record BoardRow(int Id, string? ExternalRef, string Title, string BusinessUnit, string Status, int? Score, string? AiActClass, DateTime StageEnteredAtUtc, string? OwnerName, string Origin, DateTime CreatedAtUtc, DateTime? ClockPausedAtUtc, int PausedWorkingDays);
}
