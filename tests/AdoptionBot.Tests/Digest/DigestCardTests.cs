using System.Text.Json;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Digest;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Digest;

public sealed class DigestCardTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DigestWeek Week = DigestWeek.Containing(new DateOnly(2026, 3, 11), Berlin);

    [Fact]
    public async Task Build_EmptyWeek_IsAValidCard()
    {
        var report = Report(DigestScope.Company, PipelineActivity.None, PipelineActivity.None, QuestionActivity.None, QuestionActivity.None, []);

        var json = CardSerializer.ToJson(DigestCard.Build(report));

        await AdaptiveCardValidator.Shared.AssertValidAsync(json);
        Assert.Contains(Encoded("No unanswered questions this week."), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("no data"), json, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoded("Questions from"), json, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoded("(company-wide)"), json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_BusyBusinessUnitWeek_ShowsChangesBarsWhoseQuestionsAndCompanyWideGapsNote()
    {
        var report = Report(
            DigestScope.ForBusinessUnit("Sales"),
            new PipelineActivity(4, 9, 2, 1, 3),
            new PipelineActivity(2, 9, 3, 0, 3),
            new QuestionActivity(Answered: 90, NotCovered: 10, Likes: 30, Feedback: 40, ActiveAskers: 55),
            new QuestionActivity(Answered: 70, NotCovered: 30, Likes: 20, Feedback: 25, ActiveAskers: 60),
            [new KnowledgeGap("can i use chatgpt for customer data?", 4), new KnowledgeGap("who approves a pilot?", 1)]);

        var json = CardSerializer.ToJson(DigestCard.Build(report));

        await AdaptiveCardValidator.Shared.AssertValidAsync(json);
        Assert.Contains(Encoded("Weekly adoption digest: Sales"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("4 (▲2)"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("2 (▼1)"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("9 (±0)"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("10% of 10 (▼20 pts)"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("Questions from Sales: asked in its linked channels or by employees whose Graph department maps to it."), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("Knowledge gaps (company-wide)"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("shown only when at least 3 different people asked, as a topic in the knowledge base's own words"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded(new string('█', 20) + " 40"), json, StringComparison.Ordinal);
        Assert.Contains(Encoded("1. can i use chatgpt for customer data? (4 times)"), json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_TwentyVeryLongKnowledgeGaps_StaysValidAndUnderTheSizeLimit()
    {
        var gaps = Enumerable.Range(1, 20)
            .Select(i => new KnowledgeGap($"question {i} " + string.Concat(Enumerable.Repeat("what does the guideline say about *this* case ", 90)), 21 - i))
            .ToList();
        var report = Report(DigestScope.Company, PipelineActivity.None, PipelineActivity.None, QuestionActivity.None, QuestionActivity.None, gaps);

        var card = DigestCard.Build(report);

        await AdaptiveCardValidator.Shared.AssertValidAsync(CardSerializer.ToJson(card));
        Assert.True(CardSerializer.SizeInBytes(card) < AdaptiveCardValidator.MaxCardBytes);
    }

    [Fact]
    public async Task Build_Pipeline_IsATeamsBarChartPerStage_WithTheTextBarsAsItsFallback()
    {
        var report = Report(DigestScope.Company, new PipelineActivity(1, 1, 0, 0, 0), PipelineActivity.None, QuestionActivity.None, QuestionActivity.None, []);

        var json = CardSerializer.ToJson(DigestCard.Build(report));

        await AdaptiveCardValidator.Shared.AssertValidAsync(json);
        var chart = System.Text.Json.Nodes.JsonNode.Parse(json)!["body"]!.AsArray().Single(e => (string?)e!["type"] == "Chart.HorizontalBar")!;
        var bars = chart["data"]!.AsArray().Select(p => ((string)p!["x"]!, (double)p["y"]!)).ToList();
        Assert.Equal(report.Pipeline.Select(s => (PipelineStages.DisplayName(s.Status), (double)s.Count)), bars);
        Assert.Equal("FactSet", (string?)chart["fallback"]!["type"]);
        var fallback = chart["fallback"]!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Equal((PipelineStages.DisplayName(PipelineStages.Submitted), new string('█', 20) + " 40"), fallback[0]);
        Assert.Equal(report.Pipeline.Count, fallback.Count);
    }

    [Theory]
    [InlineData(0, 10, "")]
    [InlineData(1, 100, "█")]
    [InlineData(5, 10, "██████████")]
    [InlineData(10, 10, "████████████████████")]
    public void Bar_Count_IsProportionalToTheLargestStage(int count, int max, string expected)
    {
        Assert.Equal(expected, DigestCard.Bar(count, max));
    }

    /// <summary>How the serialiser writes a text inside the card JSON (non-ASCII characters escaped).</summary>
    private static string Encoded(string text) => JsonSerializer.Serialize(text).Trim('"');

    private static DigestReport Report(
        DigestScope scope, PipelineActivity thisWeek, PipelineActivity lastWeek, QuestionActivity questions, QuestionActivity lastQuestions, IReadOnlyList<KnowledgeGap> gaps)
    {
        var counts = new[] { 40, 12, 6, 3, 1, 5, 8, 2 };
        var pipeline = IdeaStatuses.All.Select((s, i) => new StageCount(s, thisWeek == PipelineActivity.None ? 0 : counts[i])).ToList();
        return new DigestReport(scope, Week, new DateTimeOffset(2026, 3, 16, 7, 0, 0, TimeSpan.Zero), thisWeek, lastWeek, pipeline, questions, lastQuestions, gaps, scope.IsCompanyWide ? GapView.Unfiltered : GapView.Published(3));
    }
}
