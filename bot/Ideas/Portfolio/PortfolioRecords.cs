namespace AdoptionBot.Ideas.Portfolio;

/// <summary>One assessment sheet of a use case, by one assessor. The latest one counts; earlier ones stay for the history.</summary>
public sealed class Assessment
{
    public long Id { get; set; }

    public int IdeaId { get; set; }

    /// <summary>1–5.</summary>
    public int Value { get; set; }

    public required string ValueRationale { get; set; }

    /// <summary>1–5.</summary>
    public int Feasibility { get; set; }

    public required string FeasibilityRationale { get; set; }

    public int Score => Value * Feasibility;

    /// <summary>available, partly or missing.</summary>
    public required string DataAvailability { get; set; }

    /// <summary>What the reuse check found: an existing use case, a standard product, or nothing to reuse.</summary>
    public required string ReuseCheck { get; set; }

    /// <summary>Measurable success criteria for the proof of concept.</summary>
    public required string SuccessCriteria { get; set; }

    public string? AssessorObjectId { get; set; }

    public required string AssessorName { get; set; }

    public DateTime AssessedAtUtc { get; set; }
}

/// <summary>One EU AI Act screening of a use case: every answer, the result, and who gave it. The latest one counts.</summary>
public sealed class AiActScreening
{
    public long Id { get; set; }

    public int IdeaId { get; set; }

    /// <summary>The answers as a JSON object (question id → answer).</summary>
    public required string Answers { get; set; }

    /// <summary><see cref="AiActClasses"/>.</summary>
    public required string Result { get; set; }

    public required string Reason { get; set; }

    /// <summary>The transparency duties (Art. 50) that apply, one per line.</summary>
    public string? Duties { get; set; }

    /// <summary>provider or deployer.</summary>
    public required string Role { get; set; }

    public string? ScreenedByObjectId { get; set; }

    public required string ScreenedByName { get; set; }

    public DateTime ScreenedAtUtc { get; set; }
}

/// <summary>A ticked entry criterion of a stage gate: who, when, and an optional link to the evidence.</summary>
public sealed class GateTick
{
    public long Id { get; set; }

    public int IdeaId { get; set; }

    /// <summary>The stage whose entry criterion it is.</summary>
    public required string Stage { get; set; }

    /// <summary>The criterion's id in Portfolio:Gates.</summary>
    public required string Criterion { get; set; }

    public string? Link { get; set; }

    public string? TickedByObjectId { get; set; }

    public required string TickedByName { get; set; }

    public DateTime TickedAtUtc { get; set; }
}

/// <summary>A move waiting for (or decided by) the portfolio board.</summary>
public sealed class BoardItem
{
    public long Id { get; set; }

    public int IdeaId { get; set; }

    public required string ToStage { get; set; }

    /// <summary>Why the board decides: the budget above the office's limit, a high-risk use case, a stage the board always decides.</summary>
    public required string Reason { get; set; }

    /// <summary>The meeting it is on the agenda of (a date in Digest:TimeZone).</summary>
    public DateOnly MeetingDate { get; set; }

    public string? QueuedByObjectId { get; set; }

    public required string QueuedByName { get; set; }

    public DateTime QueuedAtUtc { get; set; }

    /// <summary>Null while it waits; then <see cref="BoardDecisions"/>.</summary>
    public string? Decision { get; set; }

    public string? DecisionComment { get; set; }

    public string? DecidedByObjectId { get; set; }

    public string? DecidedByName { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>When the owner was told the decision (the guideline: within two working days of the meeting).</summary>
    public DateTime? OwnerToldAtUtc { get; set; }

    /// <summary>A high-risk use case's sign-off by one of Portfolio:LegalReviewers.</summary>
    public string? LegalSignOffByObjectId { get; set; }

    public string? LegalSignOffByName { get; set; }

    public DateTime? LegalSignOffAtUtc { get; set; }

    public int Version { get; set; }
}

public static class AiActClasses
{
    public const string Prohibited = "prohibited";
    public const string HighRisk = "high-risk";
    public const string Limited = "limited";
    public const string Minimal = "minimal";

    public static string DisplayName(string? value) => value switch
    {
        Prohibited => "Prohibited",
        HighRisk => "High-risk",
        Limited => "Limited risk (transparency)",
        Minimal => "Minimal risk",
        _ => "Not screened",
    };
}

public static class BoardDecisions
{
    public const string Approved = "approved";
    public const string Declined = "declined";
    public const string Deferred = "deferred";
}
