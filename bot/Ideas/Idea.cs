using AdoptionBot.Storage;

namespace AdoptionBot.Ideas;

/// <summary>A use-case idea an employee submitted, and where it stands in the pipeline.</summary>
public sealed class Idea : INumberedInCommitOrder
{
    /// <summary>Sequential and never reused (an identity column); shown as IDEA-0001.</summary>
    public int Id { get; set; }

    /// <summary>The one-time token of the form it was submitted with: one form, one idea.</summary>
    public required string FormId { get; set; }

    public required string Title { get; set; }

    public required string Problem { get; set; }

    public string? Solution { get; set; }

    public required string BusinessUnit { get; set; }

    public string? Benefit { get; set; }

    public required string DataClassification { get; set; }

    public bool PersonalData { get; set; }

    public required string Status { get; set; }

    public string? SubmitterObjectId { get; set; }

    public required string SubmitterName { get; set; }

    /// <summary>The submitter's user id in the channel (Teams 29:...), for messages to them.</summary>
    public string? SubmitterChannelId { get; set; }

    /// <summary>The Microsoft 365 tenant it was submitted in: its status updates go only to that tenant's channels.</summary>
    public string? TenantId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: incremented by every change; a stale update fails instead of overwriting.</summary>
    public int Version { get; set; }

    public List<IdeaStatusChange> History { get; set; } = [];

    /// <summary>The id the catalogue gave it ("UC-101") when it came from a catalogue file or workbook; shown instead of IDEA-0001.</summary>
    public string? ExternalRef { get; set; }

    /// <summary>Where the record came from: <see cref="IdeaOrigins"/>.</summary>
    public string Origin { get; set; } = IdeaOrigins.Teams;

    /// <summary>In the searchable catalogue: everyone in its tenant can find it. Until then it is confidential to its submitter and the portfolio team.</summary>
    public bool Published { get; set; }

    /// <summary>When it entered its current stage.</summary>
    public DateTime StageEnteredAtUtc { get; set; }

    public string? OwnerName { get; set; }

    public string? OwnerObjectId { get; set; }

    /// <summary>How to reach the business owner (an e-mail address from the catalogue).</summary>
    public string? OwnerContact { get; set; }

    public string? ProgrammeContactName { get; set; }

    public string? ProgrammeContactObjectId { get; set; }

    public string? AiChampion { get; set; }

    public string? BenefitAssumptions { get; set; }

    /// <summary>Whole euros.</summary>
    public long? BudgetRequested { get; set; }

    /// <summary>Whole euros.</summary>
    public long? BudgetApproved { get; set; }

    public string? Partner { get; set; }

    /// <summary>start-up, vendor, university or other.</summary>
    public string? PartnerKind { get; set; }

    /// <summary>The EU AI Act class of its latest screening: prohibited, high-risk, limited or minimal.</summary>
    public string? AiActClass { get; set; }

    public string? AiActReason { get; set; }

    /// <summary>Links to its reports (PoC report, pilot report, …), one per line.</summary>
    public string? ReportLinks { get; set; }

    public string? RealisedBenefit { get; set; }

    /// <summary>Value × feasibility of its latest assessment (1–25).</summary>
    public int? Score { get; set; }

    public string? ParkedReason { get; set; }

    /// <summary>The use case this one was merged into; it keeps the pointer.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>The first answer it got (<see cref="FirstAnswers"/>), and when.</summary>
    public string? FirstAnswer { get; set; }

    public DateTime? FirstAnswerAtUtc { get; set; }

    /// <summary>Since when the first-answer clock waits for the submitter's additional information; null while it runs.</summary>
    public DateTime? ClockPausedAtUtc { get; set; }

    /// <summary>Working days the clock was paused, added to the promise.</summary>
    public int PausedWorkingDays { get; set; }

    /// <summary>How far a late first answer has been escalated: 0 not yet, 1 the programme contact, 2 the portfolio team.</summary>
    public int FirstAnswerEscalation { get; set; }

    /// <summary>The write-up of a catalogue entry (its Markdown body), indexed with it.</summary>
    public string? Details { get; set; }

    /// <summary>Further catalogue columns (tools, tags, KPI, …): <see cref="StoredFacts"/>.</summary>
    public string? Facts { get; set; }

    public string DisplayId => ExternalRef ?? FormatId(Id);

    public static string FormatId(int id) => $"IDEA-{id:D4}";

    /// <summary>A catalogue id such as "UC-101": letters, a dash or not, digits.</summary>
    public static bool LooksLikeExternalRef(string? text) =>
        text is { Length: >= 2 and <= 40 } t && System.Text.RegularExpressions.Regex.IsMatch(t.Trim(), @"^[A-Za-z]{1,10}-?[0-9]{1,8}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50)) && !t.Trim().StartsWith("IDEA", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses "IDEA-0001", "idea-1" or "1".</summary>
    public static bool TryParseId(string? text, out int id)
    {
        id = 0;
        var value = text?.Trim() ?? "";
        if (value.StartsWith("IDEA-", StringComparison.OrdinalIgnoreCase))
        {
            value = value[5..];
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
    }
}

/// <summary>One move of an idea: who, when, from, to, and why.</summary>
public sealed class IdeaStatusChange
{
    public long Id { get; set; }

    public int IdeaId { get; set; }

    /// <summary>Null for the submission itself.</summary>
    public string? FromStatus { get; set; }

    public required string ToStatus { get; set; }

    public string? Comment { get; set; }

    public string? ChangedByObjectId { get; set; }

    public required string ChangedByName { get; set; }

    public DateTime ChangedAtUtc { get; set; }

    /// <summary>What happened: <see cref="IdeaHistoryKinds"/>. Only a move changes the status; other entries keep From and To equal.</summary>
    public string Kind { get; set; } = IdeaHistoryKinds.Move;
}

/// <summary>The kinds of entries in an idea's history.</summary>
public static class IdeaHistoryKinds
{
    public const string Move = "move";
    public const string FirstAnswer = "first-answer";
    public const string Assessment = "assessment";
    public const string Screening = "screening";
    public const string Tick = "tick";
    public const string Board = "board";
    public const string Edit = "edit";
    public const string Info = "info";
    public const string Review = "review";
}

/// <summary>Where a use case's record came from.</summary>
public static class IdeaOrigins
{
    public const string Teams = "teams";
    public const string Catalogue = "catalogue";
    public const string Workbook = "workbook";
}

/// <summary>The guideline's four first answers to a submitted idea.</summary>
public static class FirstAnswers
{
    public const string Accepted = "accepted";
    public const string MoreInformation = "more-information";
    public const string Merged = "merged";
    public const string Declined = "declined";
}

/// <summary>A form the bot sent; its id comes back with the submission.</summary>
public sealed class IdeaForm
{
    public required string FormId { get; set; }

    public string? IssuedToObjectId { get; set; }

    public DateTime IssuedAtUtc { get; set; }
}

/// <summary>A catalogue file as it was when its rows were last imported: a changed hash means its differences are logged again.</summary>
public sealed class CatalogueImport
{
    /// <summary>Relative to the knowledge folder, e.g. "use-cases/catalogue.csv".</summary>
    public required string Path { get; set; }

    public required string ContentHash { get; set; }

    public DateTime ImportedAtUtc { get; set; }
}
