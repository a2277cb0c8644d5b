using AdoptionBot.Experts;
using AdoptionBot.Ideas;
using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Questions;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Digest;

/// <summary>
/// Puts the weekly digest together from the figures the Ideas and Questions modules give for a week and the one
/// before it. Each figure is a grouped count in the database, so the work is the same for ten ideas or ten thousand.
/// </summary>
public sealed class DigestCalculator(
    IdeaStatistics ideas,
    QuestionStatistics questions,
    TimeProvider time,
    IOptions<DigestOptions> options,
    PortfolioAlerts? alerts = null,
    ExpertStatistics? experts = null)
{
    /// <summary>The week that contains now, in the configured time zone.</summary>
    public DigestWeek CurrentWeek() => DigestWeek.Containing(time.GetUtcNow(), options.Value.ResolveTimeZone());

    /// <summary>The week that contains a local calendar date, in the configured time zone.</summary>
    public DigestWeek WeekOf(DateOnly date) => DigestWeek.Containing(date, options.Value.ResolveTimeZone());

    /// <summary>The digest of the current week so far.</summary>
    public Task<DigestReport> CalculateCurrentAsync(DigestScope scope, CancellationToken cancellationToken) =>
        CalculateAsync(scope, CurrentWeek(), cancellationToken);

    public async Task<DigestReport> CalculateAsync(DigestScope scope, DigestWeek week, CancellationToken cancellationToken)
    {
        var previous = week.Previous;
        var (thisWeek, lastWeek) = await ideas.ActivityAsync(scope.BusinessUnit, scope.TenantId, previous.StartUtc, week.StartUtc, week.EndUtc, cancellationToken);
        var pipeline = await ideas.ByStageAsync(scope.BusinessUnit, scope.TenantId, cancellationToken);
        var (questionsThisWeek, questionsLastWeek) = await questions.ActivityAsync(scope.BusinessUnit, scope.TenantId, previous.StartUtc, week.StartUtc, week.EndUtc, cancellationToken);

        // Always company-wide: a small unit's unanswered questions could point to the few people who asked them. A unit's
        // digest is read in a team channel: only topics enough different people asked, as neutral labels. The company
        // digest goes only to the portfolio team's 1:1 chats: every question, as asked.
        var view = scope.IsCompanyWide ? GapView.Unfiltered : GapView.Published(options.Value.MinGapAskers);
        var gaps = await questions.KnowledgeGapsAsync(week.StartUtc, week.EndUtc, options.Value.KnowledgeGapCount, view, scope.TenantId, cancellationToken);

        // The office's late promises name ideas: only in the portfolio team's company-wide digest.
        var late = scope.IsCompanyWide && alerts is not null ? await alerts.CurrentAsync(scope.TenantId, week.StartUtc, week.EndUtc, cancellationToken) : null;
        // Counts and published FAQ questions only (FAQ entries are knowledge): every digest of the tenant shows them.
        var expertWeek = experts is null ? null : await experts.WeekAsync(scope.TenantId, week.StartUtc, week.EndUtc, cancellationToken);
        return new DigestReport(scope, week, time.GetUtcNow(), thisWeek, lastWeek, pipeline, questionsThisWeek, questionsLastWeek, gaps, view) { Alerts = late, Experts = expertWeek };
    }
}
