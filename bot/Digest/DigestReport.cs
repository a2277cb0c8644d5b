namespace AdoptionBot.Digest;

/// <summary>Whose digest: one business unit, or the whole company when <see cref="BusinessUnit"/> is null.</summary>
public sealed record DigestScope(string? BusinessUnit)
{
    public static DigestScope Company { get; } = new((string?)null);

    public static DigestScope ForBusinessUnit(string businessUnit) => new(businessUnit);

    public bool IsCompanyWide => BusinessUnit is null;

    public string DisplayName => BusinessUnit ?? "Company-wide";
}

/// <summary>What moved in the idea pipeline during one week.</summary>
public sealed record PipelineActivity(int Submitted, int StageMoves, int ProofsOfConceptStarted, int Rollouts, int ParkedOrRejected)
{
    public static PipelineActivity None { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>How many ideas stand in one stage now.</summary>
public sealed record StageCount(string Status, int Count);

/// <summary>
/// Questions and answers during one week: the whole company's, or in a business unit's digest those recorded for the
/// unit (asked in its linked channels, or by employees whose department maps to it) and the feedback on their answers.
/// </summary>
public sealed record QuestionActivity(int Answered, int NotCovered, int Likes, int Feedback, int ActiveAskers)
{
    public static QuestionActivity None { get; } = new(0, 0, 0, 0, 0);

    public int Asked => Answered + NotCovered;

    /// <summary>Share of questions the knowledge did not cover, or null without questions.</summary>
    public double? NotCoveredRate => Asked == 0 ? null : (double)NotCovered / Asked;

    /// <summary>Likes among all thumbs up and down, or null without feedback.</summary>
    public double? HelpfulRate => Feedback == 0 ? null : (double)Likes / Feedback;
}

/// <summary>A question the knowledge did not cover, normalised, and how often it was asked, company-wide. Never who asked.</summary>
public sealed record KnowledgeGap(string Question, int Count);

/// <summary>Everything the weekly digest shows for one scope and week.</summary>
public sealed record DigestReport(
    DigestScope Scope,
    DigestWeek Week,
    DateTimeOffset GeneratedAt,
    PipelineActivity ThisWeek,
    PipelineActivity LastWeek,
    IReadOnlyList<StageCount> Pipeline,
    QuestionActivity QuestionsThisWeek,
    QuestionActivity QuestionsLastWeek,
    IReadOnlyList<KnowledgeGap> KnowledgeGaps)
{
    /// <summary>True when the report was made before the week ended (a preview of the week so far).</summary>
    public bool IsPartialWeek => Week.Contains(GeneratedAt);
}
