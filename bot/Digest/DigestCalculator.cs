using System.Text.RegularExpressions;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Digest;

/// <summary>
/// Computes the weekly digest in the database: every figure is a grouped count over two weeks, so the
/// work is the same for ten ideas or ten thousand. Queries use only translations SQLite and PostgreSQL share.
/// </summary>
public sealed partial class DigestCalculator(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    TimeProvider time,
    IOptions<DigestOptions> options)
{
    private const string Like = "like";
    private const string Dislike = "dislike";

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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var (thisWeek, lastWeek) = await PipelineActivityAsync(db, scope, week, previous, cancellationToken);
        var pipeline = await PipelineNowAsync(db, scope, cancellationToken);
        var (questionsThisWeek, questionsLastWeek) = await QuestionActivityAsync(db, scope, week, previous, cancellationToken);
        var gaps = await KnowledgeGapsAsync(db, week, options.Value.KnowledgeGapCount, cancellationToken);

        return new DigestReport(scope, week, time.GetUtcNow(), thisWeek, lastWeek, pipeline, questionsThisWeek, questionsLastWeek, gaps);
    }

    private static async Task<(PipelineActivity ThisWeek, PipelineActivity LastWeek)> PipelineActivityAsync(
        AdoptionBotDbContext db, DigestScope scope, DigestWeek week, DigestWeek previous, CancellationToken cancellationToken)
    {
        var changes = db.IdeaStatusChanges.AsNoTracking()
            .Where(c => c.ChangedAtUtc >= previous.StartUtc && c.ChangedAtUtc < week.EndUtc);
        if (scope.BusinessUnit is { } unit)
        {
            changes = changes.Where(c => db.Ideas.Any(i => i.Id == c.IdeaId && i.BusinessUnit == unit));
        }

        var weekStart = week.StartUtc;
        var rows = await changes
            .GroupBy(c => new { IsThisWeek = c.ChangedAtUtc >= weekStart, IsSubmission = c.FromStatus == null, c.ToStatus })
            .Select(g => new { g.Key.IsThisWeek, g.Key.IsSubmission, g.Key.ToStatus, Count = g.Count() })
            .ToListAsync(cancellationToken);

        PipelineActivity Sum(bool isThisWeek)
        {
            var week = rows.Where(r => r.IsThisWeek == isThisWeek).ToList();
            var moves = week.Where(r => !r.IsSubmission).ToList();
            return new PipelineActivity(
                Submitted: week.Where(r => r.IsSubmission).Sum(r => r.Count),
                StageMoves: moves.Sum(r => r.Count),
                ProofsOfConceptStarted: moves.Where(r => r.ToStatus == IdeaStatuses.ProofOfConcept).Sum(r => r.Count),
                Rollouts: moves.Where(r => r.ToStatus == IdeaStatuses.Rollout).Sum(r => r.Count),
                ParkedOrRejected: moves.Where(r => r.ToStatus is IdeaStatuses.Parked or IdeaStatuses.Rejected).Sum(r => r.Count));
        }

        return (Sum(true), Sum(false));
    }

    private static async Task<IReadOnlyList<StageCount>> PipelineNowAsync(AdoptionBotDbContext db, DigestScope scope, CancellationToken cancellationToken)
    {
        var ideas = db.Ideas.AsNoTracking();
        if (scope.BusinessUnit is { } unit)
        {
            ideas = ideas.Where(i => i.BusinessUnit == unit);
        }

        var counts = await ideas
            .GroupBy(i => i.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.Status, r => r.Count, cancellationToken);
        return IdeaStatuses.All.Select(s => new StageCount(s, counts.GetValueOrDefault(s))).ToList();
    }

    // A unit's digest counts the questions recorded for that unit, and the feedback on their answers; the company's counts all.
    private static async Task<(QuestionActivity ThisWeek, QuestionActivity LastWeek)> QuestionActivityAsync(
        AdoptionBotDbContext db, DigestScope scope, DigestWeek week, DigestWeek previous, CancellationToken cancellationToken)
    {
        var questions = db.Questions.AsNoTracking();
        var feedback = db.AnswerFeedback.AsNoTracking();
        if (scope.BusinessUnit is { } unit)
        {
            questions = questions.Where(q => q.BusinessUnit == unit);
            feedback = feedback.Where(f => db.Questions.Any(q => q.AnswerId == f.AnswerId && q.BusinessUnit == unit));
        }

        var weekStart = week.StartUtc;
        var outcomes = await questions
            .Where(q => q.AskedAtUtc >= previous.StartUtc && q.AskedAtUtc < week.EndUtc)
            .GroupBy(q => new { IsThisWeek = q.AskedAtUtc >= weekStart, q.Outcome })
            .Select(g => new { g.Key.IsThisWeek, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var reactions = await feedback
            .Where(f => f.ReceivedAtUtc >= previous.StartUtc && f.ReceivedAtUtc < week.EndUtc)
            .GroupBy(f => new { IsThisWeek = f.ReceivedAtUtc >= weekStart, f.Reaction })
            .Select(g => new { g.Key.IsThisWeek, g.Key.Reaction, Count = g.Count() })
            .ToListAsync(cancellationToken);

        async Task<QuestionActivity> ActivityAsync(DigestWeek w, bool isThisWeek)
        {
            var askers = await questions
                .Where(q => q.AskedAtUtc >= w.StartUtc && q.AskedAtUtc < w.EndUtc && q.AskerHash != null)
                .Select(q => q.AskerHash)
                .Distinct()
                .CountAsync(cancellationToken);
            return new QuestionActivity(
                Answered: outcomes.Where(r => r.IsThisWeek == isThisWeek && r.Outcome == AnswerOutcomes.Answered).Sum(r => r.Count),
                NotCovered: outcomes.Where(r => r.IsThisWeek == isThisWeek && r.Outcome == AnswerOutcomes.NotCovered).Sum(r => r.Count),
                Likes: reactions.Where(r => r.IsThisWeek == isThisWeek && r.Reaction == Like).Sum(r => r.Count),
                Feedback: reactions.Where(r => r.IsThisWeek == isThisWeek && r.Reaction is Like or Dislike).Sum(r => r.Count),
                ActiveAskers: askers);
        }

        return (await ActivityAsync(week, true), await ActivityAsync(previous, false));
    }

    // Always company-wide: a small unit's unanswered questions could point to the few people who asked them.
    private static async Task<IReadOnlyList<KnowledgeGap>> KnowledgeGapsAsync(
        AdoptionBotDbContext db, DigestWeek week, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        // Grouped in the database on a portable normal form (whitespace runs of up to 64 collapsed); the few
        // groups are merged here on the exact normal form, which also lower-cases beyond ASCII.
        var groups = await db.Questions.AsNoTracking()
            .Where(q => q.AskedAtUtc >= week.StartUtc && q.AskedAtUtc < week.EndUtc && q.Outcome == AnswerOutcomes.NotCovered)
            .Select(q => q.Question.Replace("\t", " ").Replace("\r", " ").Replace("\n", " ")
                .Replace("  ", " ").Replace("  ", " ").Replace("  ", " ").Replace("  ", " ").Replace("  ", " ").Replace("  ", " ")
                .Trim().ToLower())
            .GroupBy(text => text)
            .Select(g => new { Text = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return groups
            .GroupBy(g => Normalize(g.Text), StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .Select(g => new KnowledgeGap(g.Key, g.Sum(x => x.Count)))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Question, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    /// <summary>Trimmed, lower-cased, every run of whitespace one space: how questions are grouped.</summary>
    public static string Normalize(string question) =>
        Whitespace().Replace(question.Trim(), " ").ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
