using System.Globalization;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;

namespace AdoptionBot.Digest;

/// <summary>
/// The weekly adoption digest as an Adaptive Card 1.5: plain elements, and the pipeline as Teams' bar chart with
/// text bars as its fallback, so every client shows the figures.
/// </summary>
public static class DigestCard
{
    private const int BarWidth = 20;
    private const int MaxGapLength = 200;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static AdaptiveCard Build(DigestReport report)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"Weekly adoption digest: {report.Scope.DisplayName}") { Size = "large", Weight = "bolder" },
            new TextBlock(WeekText(report)) { IsSubtle = true, Spacing = "none" },
            Heading("Idea pipeline this week"),
            new FactSet { Facts = PipelineFacts(report.ThisWeek, report.LastWeek) },
            new TextBlock("Change against last week in brackets.") { IsSubtle = true, Size = "small", Spacing = "small" },
            Heading("Pipeline by stage now"),
            StageChart(report.Pipeline),
            Heading("Questions and answers"),
        };
        if (report.Scope.BusinessUnit is { } unit)
        {
            body.Add(Note($"Questions from {unit}: asked in its linked channels or by employees whose Graph department maps to it."));
        }

        body.Add(new FactSet { Facts = QuestionFacts(report.QuestionsThisWeek, report.QuestionsLastWeek) });
        body.Add(Heading(report.Scope.IsCompanyWide ? "Knowledge gaps: most asked, not covered" : "Knowledge gaps (company-wide): most asked, not covered"));
        if (!report.Scope.IsCompanyWide)
        {
            body.Add(Note(report.Gaps.AsLabels
                ? $"Counted across the whole company, and shown only when at least {report.Gaps.MinAskers.ToString(Culture)} different people asked, as a topic in the knowledge base's own words: no one's question is quoted here."
                : "Gaps are counted across the whole company, so that a small unit's questions do not point to the people who asked them."));
        }
        else if (!report.Gaps.AsLabels)
        {
            body.Add(Note("For the portfolio team only: the questions as they were asked. Unit digests show only topics that enough people asked, in the knowledge base's words."));
        }

        body.Add(report.KnowledgeGaps.Count == 0
            ? new TextBlock(report.Gaps.AsLabels ? "No topic that enough people asked went unanswered this week." : "No unanswered questions this week.") { IsSubtle = true }
            : GapList(report.KnowledgeGaps));
        if (report.Alerts is { } alerts)
        {
            body.Add(Heading("Portfolio office promises"));
            body.Add(new FactSet
            {
                Facts =
                [
                    new Fact("First answers overdue", Listed(alerts.OverdueFirstAnswers)),
                    new Fact("Board decisions told late", Listed(alerts.LateBoardDecisions)),
                ],
            });
        }

        if (report.Experts is { IsEmpty: false } experts)
        {
            body.Add(Heading("Questions for the GenAI team"));
            body.Add(new FactSet
            {
                Facts =
                [
                    new Fact("Tickets opened", experts.Opened.ToString(Culture)),
                    new Fact("Answered", experts.Answered.ToString(Culture)),
                    new Fact("Median time to a first answer", experts.MedianHoursToFirstAnswer is { } hours ? $"{hours.ToString("0.#", Culture)} h" : "—"),
                    new Fact("Still waiting", experts.StillWaiting.ToString(Culture)),
                    new Fact("FAQ entries published", experts.FaqsPublished.Count.ToString(Culture)),
                ],
            });
            foreach (var question in experts.FaqsPublished.Take(5))
            {
                body.Add(new TextBlock("FAQ — " + CardText.Plain(question)) { Size = "small", Spacing = "none" });
            }
        }

        return new AdaptiveCard { Body = body };
    }

    /// <summary>"none", or the count and the first ten ids.</summary>
    private static string Listed(IReadOnlyList<string> items) =>
        items.Count == 0 ? "none" : $"{items.Count.ToString(Culture)}: {string.Join(", ", items.Take(10))}{(items.Count > 10 ? ", …" : "")}";

    /// <summary>"4 (▲2)", "3 (▼1)", "5 (±0)".</summary>
    public static string WithChange(int now, int before) => $"{now.ToString(Culture)} ({Change(now - before)})";

    /// <summary>A bar of "█" proportional to <paramref name="count"/>; any count above zero gets at least one block.</summary>
    public static string Bar(int count, int max) =>
        count <= 0 || max <= 0 ? "" : new string('█', Math.Max(1, (int)Math.Round((double)count * BarWidth / max, MidpointRounding.AwayFromZero)));

    private static string WeekText(DigestReport report)
    {
        var week = report.Week;
        var range = $"{week.Monday.ToString("ddd d MMM", Culture)} to {week.Sunday.ToString("ddd d MMM yyyy", Culture)} ({week.Zone.Id})";
        return report.IsPartialWeek ? $"Week of {range}, so far" : $"Week of {range}";
    }

    private static TextBlock Note(string text) => new(text) { IsSubtle = true, Size = "small", Spacing = "small" };

    private static TextBlock Heading(string text) => new(text) { Weight = "bolder", Size = "medium", Separator = true, Spacing = "medium" };

    private static List<Fact> PipelineFacts(PipelineActivity now, PipelineActivity before) =>
    [
        new("Ideas submitted", WithChange(now.Submitted, before.Submitted)),
        new("Stage moves", WithChange(now.StageMoves, before.StageMoves)),
        new("Proofs of concept started", WithChange(now.ProofsOfConceptStarted, before.ProofsOfConceptStarted)),
        new("Rollouts", WithChange(now.Rollouts, before.Rollouts)),
        new("Parked or rejected", WithChange(now.ParkedOrRejected, before.ParkedOrRejected)),
    ];

    /// <summary>Teams draws the chart; elsewhere the fallback's text bars carry the same figures.</summary>
    private static HorizontalBarChart StageChart(IReadOnlyList<StageCount> pipeline) =>
        new(pipeline.Select(s => new ChartDataPoint(PipelineStages.DisplayName(s.Status), s.Count)).ToList(), new FactSet { Facts = StageBars(pipeline) })
        {
            Title = "Ideas by stage",
        };

    private static List<Fact> StageBars(IReadOnlyList<StageCount> pipeline)
    {
        var max = pipeline.Count == 0 ? 0 : pipeline.Max(s => s.Count);
        return pipeline
            .Select(s => new Fact(PipelineStages.DisplayName(s.Status), $"{Bar(s.Count, max)} {s.Count.ToString(Culture)}".TrimStart()))
            .ToList();
    }

    private static List<Fact> QuestionFacts(QuestionActivity now, QuestionActivity before) =>
    [
        new("Questions answered", WithChange(now.Answered, before.Answered)),
        new("Not covered", RateWithChange(now.NotCoveredRate, before.NotCoveredRate, now.NotCovered)),
        new("Helpful feedback", RateWithChange(now.HelpfulRate, before.HelpfulRate, now.Feedback, "rated")),
        new("Active askers", WithChange(now.ActiveAskers, before.ActiveAskers)),
    ];

    private static string RateWithChange(double? now, double? before, int count, string? countLabel = null)
    {
        if (now is not { } rate)
        {
            return "no data";
        }

        var percent = Percent(rate);
        var countText = countLabel is null ? count.ToString(Culture) : $"{count.ToString(Culture)} {countLabel}";
        return before is { } previous
            ? $"{percent.ToString(Culture)}% of {countText} ({Change(percent - Percent(previous))} pts)"
            : $"{percent.ToString(Culture)}% of {countText}";
    }

    private static int Percent(double rate) => (int)Math.Round(rate * 100, MidpointRounding.AwayFromZero);

    private static string Change(int delta) => delta switch
    {
        > 0 => $"▲{delta.ToString(Culture)}",
        < 0 => $"▼{(-delta).ToString(Culture)}",
        _ => "±0",
    };

    private static Container GapList(IReadOnlyList<KnowledgeGap> gaps) => new()
    {
        Items = gaps
            .Select((gap, i) => (CardElement)new TextBlock(
                $"{(i + 1).ToString(Culture)}. {CardText.Plain(Shorten(gap.Question))} ({(gap.Count == 1 ? "once" : $"{gap.Count.ToString(Culture)} times")})")
            { Spacing = "small" })
            .ToList(),
    };

    private static string Shorten(string question) => TextCut.Excerpt(question.Replace('\r', ' ').Replace('\n', ' '), MaxGapLength);
}
