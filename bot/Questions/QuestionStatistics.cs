using System.Text.RegularExpressions;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Questions;

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

/// <summary>
/// A question the knowledge did not cover and how often it was asked, company-wide, never who asked: in a published
/// digest its topic label (<see cref="GapLabels"/>), for the portfolio team the question as asked (normalised).
/// </summary>
public sealed record KnowledgeGap(string Question, int Count);

/// <summary>An answer rated unhelpful: the question, the reason the employee gave (if any) and when.</summary>
public sealed record LowRatedAnswer(string Question, string? Reason, DateTime RatedAtUtc);

/// <summary>Which unanswered questions a digest shows, and how.</summary>
/// <param name="MinAskers">Published only when at least this many different people asked it; 0 for the portfolio team's unfiltered list.</param>
/// <param name="AsLabels">Shown as neutral topic labels instead of the question's words.</param>
public sealed record GapView(int MinAskers, bool AsLabels)
{
    /// <summary>What the portfolio team sees in its 1:1 chat: every gap, as asked.</summary>
    public static GapView Unfiltered { get; } = new(0, false);

    public static GapView Published(int minAskers) => new(minAskers, true);
}

/// <summary>
/// The figures the adoption digest reads from the question log. Every figure is a grouped count in the database, so the
/// work is the same for ten questions or ten thousand; the queries use only translations SQLite and PostgreSQL share.
/// </summary>
public sealed partial class QuestionStatistics(IDbContextFactory<AdoptionBotDbContext> contexts, GapLabels labels)
{
    private const string Like = "like";
    private const string Dislike = "dislike";

    /// <summary>
    /// Questions and feedback of the week from <paramref name="weekStartUtc"/> to <paramref name="weekEndUtc"/> and of the
    /// week before it (from <paramref name="previousStartUtc"/>); of one business unit's questions, or (null) all.
    /// </summary>
    /// <param name="tenantId">Only that tenant's questions (and those stored before questions carried a tenant); null for all.</param>
    public async Task<(QuestionActivity ThisWeek, QuestionActivity LastWeek)> ActivityAsync(
        string? businessUnit, string? tenantId, DateTime previousStartUtc, DateTime weekStartUtc, DateTime weekEndUtc, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var questions = OfTenant(db.Questions.AsNoTracking(), tenantId);
        var feedback = db.AnswerFeedback.AsNoTracking();
        if (tenantId is not null)
        {
            feedback = feedback.Where(f => db.Set<QuestionRecord>().Any(q => q.AnswerId == f.AnswerId && (q.TenantId == tenantId || q.TenantId == null)));
        }

        if (businessUnit is { } unit)
        {
            questions = questions.Where(q => q.BusinessUnit == unit);
            feedback = feedback.Where(f => db.Set<QuestionRecord>().Any(q => q.AnswerId == f.AnswerId && q.BusinessUnit == unit));
        }

        var outcomes = await questions
            .Where(q => q.AskedAtUtc >= previousStartUtc && q.AskedAtUtc < weekEndUtc)
            .GroupBy(q => new { IsThisWeek = q.AskedAtUtc >= weekStartUtc, q.Outcome })
            .Select(g => new { g.Key.IsThisWeek, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var reactions = await feedback
            .Where(f => f.ReceivedAtUtc >= previousStartUtc && f.ReceivedAtUtc < weekEndUtc)
            .GroupBy(f => new { IsThisWeek = f.ReceivedAtUtc >= weekStartUtc, f.Reaction })
            .Select(g => new { g.Key.IsThisWeek, g.Key.Reaction, Count = g.Count() })
            .ToListAsync(cancellationToken);

        async Task<QuestionActivity> WeekAsync(DateTime startUtc, DateTime endUtc, bool isThisWeek)
        {
            var askers = await questions
                .Where(q => q.AskedAtUtc >= startUtc && q.AskedAtUtc < endUtc && q.AskerHash != null)
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

        return (await WeekAsync(weekStartUtc, weekEndUtc, true), await WeekAsync(previousStartUtc, weekStartUtc, false));
    }

    /// <summary>
    /// The <paramref name="count"/> unanswered questions asked most often in the week, company-wide (of one tenant when
    /// <paramref name="tenantId"/> is given), as <paramref name="view"/> says: with a minimum of different askers and as
    /// topic labels for a published digest, or every one as asked for the portfolio team.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeGap>> KnowledgeGapsAsync(DateTime weekStartUtc, DateTime weekEndUtc, int count, GapView view, string? tenantId, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        // Grouped in the database on a portable normal form (whitespace runs of up to 64 collapsed) and the asker; the
        // few groups are merged here on the exact normal form, which also lower-cases beyond ASCII.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await OfTenant(db.Questions.AsNoTracking(), tenantId)
            .Where(q => q.AskedAtUtc >= weekStartUtc && q.AskedAtUtc < weekEndUtc && q.Outcome == AnswerOutcomes.NotCovered)
            .Select(q => new
            {
                Text = q.Question.Replace("\t", " ").Replace("\r", " ").Replace("\n", " ")
                    .Replace("  ", " ").Replace("  ", " ").Replace("  ", " ").Replace("  ", " ").Replace("  ", " ").Replace("  ", " ")
                    .Trim().ToLower(),
                q.AskerHash,
                Asked = q.Question,
            })
            .GroupBy(q => new { q.Text, q.AskerHash })
            .Select(g => new { g.Key.Text, g.Key.AskerHash, Count = g.Count(), Sample = (string?)g.Min(x => x.Asked) })
            .ToListAsync(cancellationToken);

        var asked = groups
            .GroupBy(g => Normalize(g.Text), StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .Select(g => (Text: g.Key, Count: g.Sum(x => x.Count), Askers: g.Where(x => x.AskerHash != null).Select(x => x.AskerHash!).ToHashSet(StringComparer.Ordinal), Sample: g.Select(x => x.Sample ?? g.Key).Order(StringComparer.Ordinal).First()))
            .ToList();
        if (view.AsLabels)
        {
            // Labelled from one wording as asked (capitals kept, so names inside the sentence can be told apart).
            var labelled = new List<(string Text, int Count, HashSet<string> Askers, string Sample)>();
            foreach (var gap in asked)
            {
                labelled.Add((await labels.LabelAsync(gap.Sample, cancellationToken), gap.Count, gap.Askers, gap.Sample));
            }

            asked = [.. labelled
                .Where(g => g.Text.Length > 0)
                .GroupBy(g => g.Text, StringComparer.Ordinal)
                .Select(g => (Text: g.Key, Count: g.Sum(x => x.Count), Askers: g.SelectMany(x => x.Askers).ToHashSet(StringComparer.Ordinal), Sample: g.Key))];
        }

        return asked
            .Where(g => g.Askers.Count >= view.MinAskers)
            .Select(g => new KnowledgeGap(g.Text, g.Count))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Question, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    /// <summary>The answers rated unhelpful since <paramref name="sinceUtc"/>, newest first, with the question and the reason given.</summary>
    public async Task<IReadOnlyList<LowRatedAnswer>> LowRatedAsync(DateTime sinceUtc, int count, string? tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from feedback in db.AnswerFeedback.AsNoTracking()
                join question in OfTenant(db.Questions.AsNoTracking(), tenantId) on feedback.AnswerId equals question.AnswerId
                where feedback.Reaction == "dislike" && feedback.ReceivedAtUtc >= sinceUtc
                orderby feedback.ReceivedAtUtc descending
                select new LowRatedAnswer(question.Question, feedback.Text, feedback.ReceivedAtUtc))
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<QuestionRecord> OfTenant(IQueryable<QuestionRecord> questions, string? tenantId) =>
        tenantId is null ? questions : questions.Where(q => q.TenantId == tenantId || q.TenantId == null);

    /// <summary>Trimmed, lower-cased, every run of whitespace one space: how questions are grouped.</summary>
    public static string Normalize(string question) =>
        Whitespace().Replace(question.Trim(), " ").ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
