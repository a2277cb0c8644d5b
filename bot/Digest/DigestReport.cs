using AdoptionBot.Experts;
using AdoptionBot.Ideas;
using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Questions;

namespace AdoptionBot.Digest;

/// <summary>Whose digest: one business unit, or the whole company when <see cref="BusinessUnit"/> is null.</summary>
public sealed record DigestScope(string? BusinessUnit, string? TenantId = null)
{
    public static DigestScope Company { get; } = new((string?)null);

    public static DigestScope ForBusinessUnit(string businessUnit) => new(businessUnit);

    /// <summary>The same scope within one Microsoft 365 tenant: no figure or question of another tenant.</summary>
    public DigestScope In(string? tenantId) => this with { TenantId = tenantId };

    public bool IsCompanyWide => BusinessUnit is null;

    public string DisplayName => BusinessUnit ?? "Company-wide";
}

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
    IReadOnlyList<KnowledgeGap> KnowledgeGaps,
    GapView Gaps)
{
    /// <summary>The portfolio office's late promises (first answers, board decisions); only in the company-wide digest.</summary>
    public PortfolioAlertList? Alerts { get; init; }

    /// <summary>The expert loop's week: tickets, time to a first answer, FAQ entries published; null without the Experts module.</summary>
    public ExpertWeek? Experts { get; init; }

    /// <summary>True when the report was made before the week ended (a preview of the week so far).</summary>
    public bool IsPartialWeek => Week.Contains(GeneratedAt);
}
