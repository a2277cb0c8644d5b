namespace AdoptionBot.Core;

/// <summary>
/// The stages of the portfolio pipeline as the store and the catalogue files write them (idea → assessment → proof of
/// concept → pilot → industrial rollout, plus parked and rejected), and their display names. Which moves an idea may
/// make is the Ideas module's rule.
/// </summary>
public static class PipelineStages
{
    /// <summary>A catalogue entry that is still an idea (the catalogue files use it; submitted ideas start at <see cref="Submitted"/>).</summary>
    public const string Idea = "idea";
    public const string Submitted = "submitted";
    public const string Assessment = "assessment";
    public const string ProofOfConcept = "poc";
    public const string Pilot = "pilot";
    public const string Rollout = "rollout";
    public const string Parked = "parked";
    public const string Rejected = "rejected";

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [Idea] = "Idea",
        [Submitted] = "Submitted",
        [Assessment] = "Assessment",
        [ProofOfConcept] = "Proof of concept",
        [Pilot] = "Pilot",
        [Rollout] = "Industrial rollout",
        [Parked] = "Parked",
        [Rejected] = "Rejected",
    };

    public static string DisplayName(string? stage) =>
        string.IsNullOrWhiteSpace(stage) ? "Unknown stage" : Names.TryGetValue(stage.Trim(), out var name) ? name : stage.Trim();
}
