using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Ideas;

/// <summary>Idea intake and triage. Section "Ideas".</summary>
public sealed class IdeasOptions
{
    public const string SectionName = "Ideas";

    /// <summary>What the confirmation card says happens next.</summary>
    [Required]
    public string NextStepText { get; set; } = "The portfolio office will answer within five working days.";

    /// <summary>Similar use cases and ideas shown on the confirmation.</summary>
    [Range(0, 5)]
    public int SimilarCount { get; set; } = 3;

    /// <summary>How similar (cosine) a use case or idea must be to a new idea to be shown as similar after its submission.</summary>
    [Range(0.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.23;

    /// <summary>How long an idea form can be submitted after it was issued; older forms are refused and deleted in the daily retention pass.</summary>
    [Range(1, 365)]
    public int FormValidDays { get; set; } = 14;

    /// <summary>Ideas per triage card.</summary>
    [Range(1, 25)]
    public int TriagePageSize { get; set; } = 8;
}
