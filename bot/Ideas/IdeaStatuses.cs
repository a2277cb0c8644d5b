namespace AdoptionBot.Ideas;

/// <summary>The pipeline: idea → assessment → proof of concept → pilot → industrial rollout, plus parked and rejected.</summary>
public static class IdeaStatuses
{
    public const string Submitted = "submitted";
    public const string Assessment = "assessment";
    public const string ProofOfConcept = "poc";
    public const string Pilot = "pilot";
    public const string Rollout = "rollout";
    public const string Parked = "parked";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Submitted, Assessment, ProofOfConcept, Pilot, Rollout, Parked, Rejected];

    /// <summary>Statuses the portfolio team still works on; triage lists these.</summary>
    public static readonly IReadOnlyList<string> Open = [Submitted, Assessment, ProofOfConcept, Pilot];

    /// <summary>From proof of concept on, an idea is part of the searchable catalogue.</summary>
    public static readonly IReadOnlyList<string> InCatalogue = [ProofOfConcept, Pilot, Rollout];

    private static readonly Dictionary<string, string> Next = new()
    {
        [Submitted] = Assessment,
        [Assessment] = ProofOfConcept,
        [ProofOfConcept] = Pilot,
        [Pilot] = Rollout,
        [Parked] = Assessment,
    };

    public static string DisplayName(string status) => Knowledge.PipelineStages.DisplayName(status);

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    /// <summary>The next stage forward, or null when there is none (rollout, rejected).</summary>
    public static string? NextOf(string status) => Next.GetValueOrDefault(status);

    /// <summary>Forward one stage; park or reject any open idea; resume a parked idea into assessment.</summary>
    public static bool CanMove(string from, string to) =>
        NextOf(from) == to || (Open.Contains(from) && to is Parked or Rejected) || (from == Parked && to == Rejected);
}
