namespace AdoptionBot.Knowledge;

/// <summary>Display names of the stored pipeline stage values (idea → assessment → poc → pilot → rollout).</summary>
public static class PipelineStages
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["idea"] = "Idea",
        ["submitted"] = "Submitted",
        ["assessment"] = "Assessment",
        ["poc"] = "Proof of concept",
        ["pilot"] = "Pilot",
        ["rollout"] = "Industrial rollout",
        ["parked"] = "Parked",
        ["rejected"] = "Rejected",
    };

    public static string DisplayName(string? stage) =>
        string.IsNullOrWhiteSpace(stage) ? "Unknown stage" : Names.TryGetValue(stage.Trim(), out var name) ? name : stage.Trim();
}
