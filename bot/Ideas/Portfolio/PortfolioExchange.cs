using System.Globalization;
using System.Security.Cryptography;
using AdoptionBot.Core;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>One column of the portfolio workbook: what the export writes, and, for the columns an import may change, how it sets the field.</summary>
/// <param name="Set">Null: written for reading only. Else sets the field from a cell and returns a problem, or null.</param>
internal sealed record PortfolioColumn(string Header, Func<ExportContext, Idea, object?> Get, Func<Idea, string, string?>? Set = null);

/// <summary>What the export knows about a use case beyond its record: the latest assessment and screening, its gate, a waiting board item.</summary>
internal sealed record ExportContext(Assessment? Assessment, AiActScreening? Screening, GateState? Gate, BoardItem? Board, string? MergedInto);

/// <summary>A change an import would make to one use case, or the use case it would add.</summary>
public sealed record ImportChange(int Row, string Id, bool IsNew, IReadOnlyList<string> Fields);

/// <summary>What an import would do: the changes, and the rows it refuses with the reason; nothing is stored yet.</summary>
public sealed record ImportPlan(IReadOnlyList<ImportChange> Changes, IReadOnlyList<string> Refused, string ContentHash, int Rows);

/// <summary>
/// The portfolio as a workbook: <see cref="ExportAsync"/> writes every use case with every field and its gate status;
/// <see cref="PlanAsync"/> reads a workbook or CSV file of the same columns and says what would change, and
/// <see cref="ApplyAsync"/> does it. An import changes the editable fields of existing use cases and adds new ones; it
/// never moves a stage, a class or a score (those go through the gates, the screening and the assessment).
/// </summary>
public sealed class PortfolioExchange(IDbContextFactory<AdoptionBotDbContext> contexts, GateCheck gates, TimeProvider time)
{
    public static readonly IReadOnlyList<string> PartnerKinds = ["start-up", "vendor", "university", "other"];

    /// <summary>What the details card sends for "no partner kind" (a choice needs a value).</summary>
    public const string NoPartner = "none";

    internal static readonly IReadOnlyList<PortfolioColumn> Columns =
    [
        new("Id", (_, i) => i.DisplayId),
        new("Title", (_, i) => i.Title, (i, v) => Required(v, IdeaSubmission.MaxTitle, t => i.Title = t)),
        new("Summary", (_, i) => i.Problem, (i, v) => Required(v, IdeaSubmission.MaxProblem, t => i.Problem = t)),
        new("Solution", (_, i) => i.Solution, (i, v) => Optional(v, IdeaSubmission.MaxSolution, t => i.Solution = t)),
        new("Business unit", (_, i) => i.BusinessUnit, (i, v) => Required(v, 200, t => i.BusinessUnit = t)),
        new("Stage", (_, i) => PipelineStages.DisplayName(i.Status)),
        new("Stage since", (_, i) => Date(i.StageEnteredAtUtc)),
        new("In catalogue", (_, i) => i.Published ? "yes" : "no"),
        new("Parked because", (_, i) => i.ParkedReason),
        new("Merged into", (c, _) => c.MergedInto),
        new("Submitted by", (_, i) => i.SubmitterName),
        new("Submitted", (_, i) => Date(i.CreatedAtUtc)),
        new("Business owner", (_, i) => i.OwnerName, (i, v) => Optional(v, 200, t => i.OwnerName = t)),
        new("Owner contact", (_, i) => i.OwnerContact, (i, v) => Optional(v, 200, t => i.OwnerContact = t)),
        new("Programme contact", (_, i) => i.ProgrammeContactName, (i, v) => Optional(v, 200, t => i.ProgrammeContactName = t)),
        new("AI champion", (_, i) => i.AiChampion, (i, v) => Optional(v, 200, t => i.AiChampion = t)),
        new("Expected benefit", (_, i) => i.Benefit, (i, v) => Optional(v, IdeaSubmission.MaxBenefit, t => i.Benefit = t)),
        new("Benefit assumptions", (_, i) => i.BenefitAssumptions, (i, v) => Optional(v, 1000, t => i.BenefitAssumptions = t)),
        new("Budget requested (EUR)", (_, i) => i.BudgetRequested, (i, v) => Euros(v, e => i.BudgetRequested = e)),
        new("Budget approved (EUR)", (_, i) => i.BudgetApproved, (i, v) => Euros(v, e => i.BudgetApproved = e)),
        new("Partner", (_, i) => i.Partner, (i, v) => Optional(v, 200, t => i.Partner = t)),
        new("Partner kind", (_, i) => i.PartnerKind, (i, v) => OneOf(v == NoPartner ? "" : v, PartnerKinds, t => i.PartnerKind = t)),
        new("Data classification", (_, i) => i.DataClassification, (i, v) => Required(v.ToLowerInvariant(), 40, t => i.DataClassification = t)),
        new("Personal data", (_, i) => i.PersonalData ? "yes" : "no", (i, v) => YesNo(v, b => i.PersonalData = b)),
        new("AI Act class", (_, i) => i.AiActClass is null ? "" : AiActClasses.DisplayName(i.AiActClass)),
        new("AI Act reason", (_, i) => i.AiActReason),
        new("AI Act role", (c, _) => c.Screening?.Role),
        new("Value (1-5)", (c, _) => c.Assessment?.Value),
        new("Feasibility (1-5)", (c, _) => c.Assessment?.Feasibility),
        new("Score (1-25)", (_, i) => i.Score),
        new("Success criteria", (c, _) => c.Assessment?.SuccessCriteria),
        new("Next gate", (c, _) => c.Gate is null ? "" : PipelineStages.DisplayName(c.Gate.Stage)),
        new("Gate status", (c, _) => GateStatus(c.Gate)),
        new("On board agenda", (c, _) => c.Board is null ? "" : c.Board.MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("First answer", (_, i) => i.FirstAnswer),
        new("Report links", (_, i) => i.ReportLinks, (i, v) => Links(v, t => i.ReportLinks = t)),
        new("Realised benefit", (_, i) => i.RealisedBenefit, (i, v) => Optional(v, 1000, t => i.RealisedBenefit = t)),
    ];

    public static IReadOnlyList<string> Headers => [.. Columns.Select(c => c.Header)];

    /// <summary>The fields the portfolio team edits on a use case's details card: those an import may change, but the idea's own text.</summary>
    public static readonly IReadOnlyList<string> DetailFields =
    [
        "Business owner", "Owner contact", "Programme contact", "AI champion", "Benefit assumptions", "Budget requested (EUR)", "Budget approved (EUR)",
        "Partner", "Partner kind", "Personal data", "Report links", "Realised benefit",
    ];

    /// <summary>The current value of a detail field as the card and the workbook show it.</summary>
    public static string ValueOf(Idea idea, string header) =>
        Convert.ToString(Columns.Single(c => c.Header == header).Get(Empty, idea), CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// Sets the detail fields given (header → value) with the import's rules, all or none: returns the problems, or the
    /// names of the fields that changed (stored with a history entry).
    /// </summary>
    public async Task<(IReadOnlyList<string> Changed, IReadOnlyList<string> Problems, Idea? Idea)> EditAsync(int ideaId, IReadOnlyDictionary<string, string> values, int? version, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        if (idea is null)
        {
            return ([], [$"{Idea.FormatId(ideaId)} does not exist."], null);
        }

        if (version is { } seen && seen != idea.Version)
        {
            return ([], [$"{idea.DisplayId} was changed by someone else meanwhile; look at it again."], idea);
        }

        var changed = new List<string>();
        var problems = new List<string>();
        foreach (var header in DetailFields.Where(values.ContainsKey))
        {
            var value = values[header].Trim();
            value = header == "Partner kind" && value == NoPartner ? "" : value;
            if (string.Equals(Normalize(ValueOf(idea, header)), Normalize(value), StringComparison.Ordinal))
            {
                continue;
            }

            if (Columns.Single(c => c.Header == header).Set!(idea, value) is { } problem)
            {
                problems.Add($"{header}: {problem}");
            }
            else
            {
                changed.Add(header);
            }
        }

        if (problems.Count > 0 || changed.Count == 0)
        {
            return ([], problems, idea);
        }

        var now = time.GetUtcNow().UtcDateTime;
        idea.UpdatedAtUtc = now;
        idea.Version++;
        db.IdeaStatusChanges.Add(PortfolioService.Entry(idea, IdeaHistoryKinds.Edit, "Details changed: " + string.Join(", ", changed), actor, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ([], [$"{idea.DisplayId} was changed by someone else meanwhile; look at it again."], idea);
        }

        return (changed, [], idea);
    }

    public async Task<byte[]> ExportAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ideas = await db.Ideas.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var assessments = (await db.Assessments.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(a => a.IdeaId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!);
        var screenings = (await db.AiActScreenings.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(s => s.IdeaId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Id)!);
        var ticks = (await db.GateTicks.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(t => (t.IdeaId, t.Stage));
        var boards = (await db.BoardItems.AsNoTracking().Where(b => b.Decision == null).ToListAsync(cancellationToken)).GroupBy(b => b.IdeaId).ToDictionary(g => g.Key, g => g.MinBy(b => b.MeetingDate)!);
        var names = ideas.ToDictionary(i => i.Id, i => i.DisplayId);
        var rows = ideas.Select(idea =>
        {
            var assessment = assessments.GetValueOrDefault(idea.Id);
            var screening = screenings.GetValueOrDefault(idea.Id);
            var next = idea.Status == PipelineStages.Submitted ? null : IdeaStatuses.NextOf(idea.Status);
            var gate = next is null ? null : gates.Evaluate(idea, next, [.. ticks[(idea.Id, next)]], assessment, screening);
            var context = new ExportContext(assessment, screening, gate, boards.GetValueOrDefault(idea.Id), idea.MergedIntoId is { } m ? names.GetValueOrDefault(m) : null);
            return (IReadOnlyList<object?>)[.. Columns.Select(c => c.Get(context, idea))];
        });
        return PortfolioWorkbook.Write(Headers, rows);
    }

    /// <summary>What importing <paramref name="content"/> would change; throws <see cref="InvalidDataException"/> for a file that is no table.</summary>
    public async Task<ImportPlan> PlanAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var (changes, refused, _, rows) = await ReadAsync(content, fileName, cancellationToken);
        return new ImportPlan(changes, refused, Hash(content), rows);
    }

    /// <summary>Makes the changes <see cref="PlanAsync"/> showed, provided the file is the one planned (same hash); returns them.</summary>
    public async Task<ImportPlan?> ApplyAsync(byte[] content, string fileName, string expectedHash, Actor actor, CancellationToken cancellationToken)
    {
        if (Hash(content) != expectedHash)
        {
            return null;
        }

        var (changes, refused, edits, rows) = await ReadAsync(content, fileName, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var (change, apply) in edits)
        {
            if (change.IsNew)
            {
                var idea = new Idea
                {
                    FormId = "workbook:" + change.Id,
                    ExternalRef = change.Id,
                    Origin = IdeaOrigins.Workbook,
                    Title = "",
                    Problem = "",
                    BusinessUnit = "",
                    DataClassification = "internal",
                    Status = PipelineStages.Submitted,
                    SubmitterName = actor.Name,
                    SubmitterObjectId = null,
                    CreatedAtUtc = now,
                    UpdatedAtUtc = now,
                    StageEnteredAtUtc = now,
                    Version = 1,
                };
                apply(idea);
                idea.History.Add(new IdeaStatusChange { ToStatus = idea.Status, Kind = IdeaHistoryKinds.Move, Comment = "Added by a portfolio import", ChangedByObjectId = actor.ObjectId, ChangedByName = actor.Name, ChangedAtUtc = now });
                db.Ideas.Add(idea);
                continue;
            }

            var stored = await Find(db, change.Id).FirstAsync(cancellationToken);
            apply(stored);
            stored.UpdatedAtUtc = now;
            stored.Version++;
            db.IdeaStatusChanges.Add(PortfolioService.Entry(stored, IdeaHistoryKinds.Edit, "Portfolio import changed: " + string.Join(", ", change.Fields), actor, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ImportPlan(changes, refused, expectedHash, rows);
    }

    private async Task<(List<ImportChange> Changes, List<string> Refused, List<(ImportChange Change, Action<Idea> Apply)> Edits, int Rows)> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var table = PortfolioWorkbook.Read(content, fileName);
        var at = table.Headers.Select((h, i) => (h, i)).GroupBy(x => x.h, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        if (!at.TryGetValue("Id", out var idColumn))
        {
            throw new InvalidDataException("the first row has no column \"Id\"; export the portfolio (portfolio export) for the columns an import reads");
        }

        var editable = Columns.Where(c => c.Set is not null && at.ContainsKey(c.Header)).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = new List<ImportChange>();
        var refused = new List<string>();
        var edits = new List<(ImportChange, Action<Idea>)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var rowNumber = r + 2;
            string Cell(string header) => at.TryGetValue(header, out var i) && i < row.Count ? row[i].Trim() : "";
            var id = CatalogueImporter.NormalizeRef(Cell("Id"));
            if (id.Length == 0)
            {
                refused.Add($"row {rowNumber}: no id");
                continue;
            }

            if (!seen.Add(id))
            {
                refused.Add($"row {rowNumber}: {id} appears twice; only its first row is read");
                continue;
            }

            var existing = await Find(db, id).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            if (existing is null && (Idea.TryParseId(id, out _) || !Idea.LooksLikeExternalRef(id)))
            {
                refused.Add($"row {rowNumber}: there is no use case {id}; a new one needs an id such as UC-201");
                continue;
            }

            var target = existing ?? NewDraft(id);
            var fields = new List<string>();
            var problems = new List<string>();
            foreach (var column in editable)
            {
                var before = Convert.ToString(column.Get(Empty, target), CultureInfo.InvariantCulture) ?? "";
                var value = Cell(column.Header);
                if (existing is null ? value.Length == 0 : string.Equals(Normalize(before), Normalize(value), StringComparison.Ordinal))
                {
                    continue; // a new use case keeps the defaults of the cells left empty
                }

                if (column.Set!(target, value) is { } problem)
                {
                    problems.Add($"{column.Header}: {problem}");
                }
                else
                {
                    fields.Add(column.Header);
                }
            }

            if (existing is null)
            {
                foreach (var required in new[] { "Title", "Business unit" })
                {
                    if (Cell(required).Length == 0)
                    {
                        problems.Add($"{required}: a new use case needs one");
                    }
                }

                if (Cell("Summary").Length == 0)
                {
                    target.Problem = target.Title;
                }
            }

            if (problems.Count > 0)
            {
                refused.Add($"row {rowNumber} ({id}): {string.Join("; ", problems)}");
                continue;
            }

            if (fields.Count == 0 && existing is not null)
            {
                continue;
            }

            var change = new ImportChange(rowNumber, id, existing is null, fields);
            changes.Add(change);
            var values = editable.ToDictionary(c => c.Header, c => Cell(c.Header));
            var isNew = existing is null;
            edits.Add((change, idea =>
            {
                foreach (var column in editable.Where(c => isNew ? values[c.Header].Length > 0 : change.Fields.Contains(c.Header)))
                {
                    column.Set!(idea, values[column.Header]);
                }

                if (isNew && idea.Problem.Length == 0)
                {
                    idea.Problem = idea.Title;
                }
            }));
        }

        return (changes, refused, edits, table.Rows.Count);
    }

    private static readonly ExportContext Empty = new(null, null, null, null, null);

    private static Idea NewDraft(string id) => new() { FormId = "draft", ExternalRef = id, Title = "", Problem = "", BusinessUnit = "", DataClassification = "internal", Status = PipelineStages.Submitted, SubmitterName = "" };

    private static IQueryable<Idea> Find(AdoptionBotDbContext db, string id) =>
        Idea.TryParseId(id, out var number) ? db.Ideas.Where(i => i.Id == number) : db.Ideas.Where(i => i.ExternalRef == id);

    private static string Normalize(string value) => value.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string GateStatus(GateState? gate) =>
        gate is null ? "" : gate.Missing.Count == 0 ? $"all {gate.Criteria.Count} met" : $"{gate.Criteria.Count - gate.Missing.Count} of {gate.Criteria.Count} met; open: {string.Join("; ", gate.Missing.Select(m => m.Text))}";

    private static string? Required(string value, int max, Action<string> set)
    {
        if (value.Length == 0)
        {
            return "may not be empty";
        }

        if (value.Length > max)
        {
            return $"at most {max} characters (now {value.Length})";
        }

        set(value);
        return null;
    }

    private static string? Optional(string value, int max, Action<string?> set)
    {
        if (value.Length > max)
        {
            return $"at most {max} characters (now {value.Length})";
        }

        set(value.Length == 0 ? null : value);
        return null;
    }

    private static string? Euros(string value, Action<long?> set)
    {
        var cleaned = value.Replace("EUR", "", StringComparison.OrdinalIgnoreCase).Replace("€", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (cleaned.Length == 0)
        {
            set(null);
            return null;
        }

        if (!long.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var euros) || euros > 1_000_000_000_000)
        {
            return $"'{TextCut.Cut(value, 30)}' is not a whole number of euros";
        }

        set(euros);
        return null;
    }

    private static string? OneOf(string value, IReadOnlyList<string> allowed, Action<string?> set)
    {
        if (value.Length == 0)
        {
            set(null);
            return null;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return $"'{TextCut.Cut(value, 30)}' is none of {string.Join(", ", allowed)}";
        }

        set(match);
        return null;
    }

    private static string? YesNo(string value, Action<bool> set)
    {
        switch (value.ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "1" or "ja":
                set(true);
                return null;
            case "no" or "n" or "false" or "0" or "nein" or "":
                set(false);
                return null;
            default:
                return $"'{TextCut.Cut(value, 30)}' is neither yes nor no";
        }
    }

    private static string? Links(string value, Action<string?> set)
    {
        var links = value.Split(['\n', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = links.FirstOrDefault(l => PortfolioService.SafeLink(l) is null);
        if (bad is not null)
        {
            return $"'{TextCut.Cut(bad, 60)}' is not a web address starting with https://";
        }

        var joined = string.Join('\n', links.Select(l => PortfolioService.SafeLink(l)!));
        if (joined.Length > 2000)
        {
            return "at most 2000 characters of links";
        }

        set(joined.Length == 0 ? null : joined);
        return null;
    }
}
