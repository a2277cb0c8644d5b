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

    /// <summary>Merged into another use case, which it points to.</summary>
    public const string Merged = "merged";

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
        [Merged] = "Merged",
    };

    /// <summary>
    /// The stage a catalogue or spreadsheet names in its own words ("Proof of Concept", "PoC", "Live", "On hold",
    /// "In production"), or null when the text names none of them.
    /// </summary>
    public static string? FromText(string? text)
    {
        var t = (text ?? "").Trim().ToLowerInvariant().Replace('-', ' ').Replace('_', ' ');
        if (t.Length == 0)
        {
            return null;
        }

        // The store's own names are lower case, as the text now is.
        if (Names.ContainsKey(t))
        {
            return t;
        }

        foreach (var (stage, words) in StageWords)
        {
            if (words.Any(w => t == w || t.StartsWith(w + " ", StringComparison.Ordinal) || t.EndsWith(" " + w, StringComparison.Ordinal) || t.Contains(" " + w + " ", StringComparison.Ordinal)))
            {
                return stage;
            }
        }

        return null;
    }

    // Checked in this order: "proof of concept" before "concept", "industrial rollout" before anything with "roll".
    private static readonly (string Stage, string[] Words)[] StageWords =
    [
        (Rejected, ["rejected", "declined", "cancelled", "canceled", "stopped", "discontinued", "terminated", "killed"]),
        (Parked, ["parked", "on hold", "paused", "deferred", "postponed", "on ice", "frozen"]),
        (ProofOfConcept, ["proof of concept", "poc", "prototype", "prototyping", "proof of value", "pov", "mvp"]),
        (Pilot, ["pilot", "piloting", "trial", "field test", "beta"]),
        (Rollout, ["industrial rollout", "rollout", "roll out", "rolled out", "production", "in production", "live", "go live", "operational", "deployed", "in use", "scaled", "scaling", "scale up", "run"]),
        (Assessment, ["assessment", "assessing", "evaluation", "evaluating", "analysis", "review", "in review", "screening", "qualification", "feasibility"]),
        (Idea, ["idea", "new", "proposed", "proposal", "submitted", "backlog", "intake", "draft", "ideation"]),
    ];

    public static string DisplayName(string? stage) =>
        string.IsNullOrWhiteSpace(stage) ? "Unknown stage" : Names.TryGetValue(stage.Trim(), out var name) ? name : stage.Trim();
}
