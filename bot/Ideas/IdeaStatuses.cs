using AdoptionBot.Core;

namespace AdoptionBot.Ideas;

/// <summary>Where an idea may stand and move in the pipeline (<see cref="PipelineStages"/> names the stages).</summary>
public static class IdeaStatuses
{
    public static readonly IReadOnlyList<string> All =
    [
        PipelineStages.Submitted, PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot, PipelineStages.Rollout,
        PipelineStages.Parked, PipelineStages.Rejected, PipelineStages.Merged,
    ];

    /// <summary>Statuses the portfolio team still works on; triage lists these.</summary>
    public static readonly IReadOnlyList<string> Open = [PipelineStages.Submitted, PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot];

    /// <summary>Reaching proof of concept publishes an idea to the searchable catalogue; parked it stays there with its reason, rejected it leaves.</summary>
    public static bool Publishes(string status) => status is PipelineStages.ProofOfConcept or PipelineStages.Pilot or PipelineStages.Rollout;

    private static readonly Dictionary<string, string> Next = new()
    {
        [PipelineStages.Submitted] = PipelineStages.Assessment,
        [PipelineStages.Assessment] = PipelineStages.ProofOfConcept,
        [PipelineStages.ProofOfConcept] = PipelineStages.Pilot,
        [PipelineStages.Pilot] = PipelineStages.Rollout,
        [PipelineStages.Parked] = PipelineStages.Assessment,
    };

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    /// <summary>The next stage forward, or null when there is none (rollout, rejected).</summary>
    public static string? NextOf(string status) => Next.GetValueOrDefault(status);

    /// <summary>Forward one stage; park or reject any open idea; merge a submitted one; resume a parked idea into assessment.</summary>
    public static bool CanMove(string from, string to) =>
        NextOf(from) == to || (from == PipelineStages.Submitted && to == PipelineStages.Merged) || (Open.Contains(from) && to is PipelineStages.Parked or PipelineStages.Rejected) || (from == PipelineStages.Parked && to == PipelineStages.Rejected);
}
