using AdoptionBot.Core;
using AdoptionBot.Digest;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Ideas;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AdoptionBot.Tests.Digest.DigestSeed;

namespace AdoptionBot.Tests.Digest;

public abstract class DigestCalculatorTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    // Wednesday 11 March 2026, 13:00 in Berlin (CET, UTC+1): the week runs Mon 9 March 00:00 to Mon 16 March 00:00 local.
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime ThisWeek = new(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LastWeek = new(2026, 3, 3, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Earlier = new(2026, 2, 20, 8, 0, 0, DateTimeKind.Utc);
    private const string Research = "Research and Development";
    private const string Sales = "Sales";

    private readonly FakeTimeProvider _time = new(Now);
    private readonly AdoptionBot.Tests.Questions.StubKnowledgeSearch _knowledge = new();
    private TStore _store = null!;
    private DigestCalculator _calculator = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        _calculator = new DigestCalculator(new IdeaStatistics(_store), new QuestionStatistics(_store, new GapLabels(_knowledge)), _time, Options.Create(new DigestOptions { KnowledgeGapCount = 3 }));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task CalculateCurrentAsync_MovesThisAndLastWeek_CountsEachWeekSeparately()
    {
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Idea(Research, PipelineStages.Submitted, ThisWeek),
                Idea(Research, PipelineStages.ProofOfConcept, ThisWeek, (PipelineStages.Assessment, ThisWeek.AddHours(1)), (PipelineStages.ProofOfConcept, ThisWeek.AddDays(1))),
                Idea(Sales, PipelineStages.Rollout, Earlier, (PipelineStages.Assessment, Earlier), (PipelineStages.ProofOfConcept, Earlier), (PipelineStages.Pilot, LastWeek), (PipelineStages.Rollout, ThisWeek)),
                Idea(Sales, PipelineStages.Rejected, LastWeek, (PipelineStages.Rejected, LastWeek.AddDays(1))),
                Idea(Research, PipelineStages.Parked, Earlier, (PipelineStages.Parked, ThisWeek.AddDays(2))));
        }

        var report = await _calculator.CalculateCurrentAsync(DigestScope.Company, CancellationToken.None);

        Assert.Equal(new PipelineActivity(Submitted: 2, StageMoves: 4, ProofsOfConceptStarted: 1, Rollouts: 1, ParkedOrRejected: 1), report.ThisWeek);
        Assert.Equal(new PipelineActivity(Submitted: 1, StageMoves: 2, ProofsOfConceptStarted: 0, Rollouts: 0, ParkedOrRejected: 1), report.LastWeek);
        Assert.True(report.IsPartialWeek);
        Assert.Equal(new DateOnly(2026, 3, 9), report.Week.Monday);
    }

    [StoreFact]
    public async Task CalculateCurrentAsync_BusinessUnitScope_CountsOnlyThatUnitsIdeasAndQuestions()
    {
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Idea(Research, PipelineStages.Assessment, ThisWeek, (PipelineStages.Assessment, ThisWeek.AddHours(2))),
                Idea(Sales, PipelineStages.Submitted, ThisWeek),
                Idea(Sales, PipelineStages.Pilot, Earlier, (PipelineStages.Assessment, Earlier), (PipelineStages.ProofOfConcept, Earlier), (PipelineStages.Pilot, ThisWeek)),
                Question("How do I use the translator?", AnswerOutcomes.Answered, ThisWeek, "asker-1", businessUnit: Sales),
                Question("How do I use the summariser?", AnswerOutcomes.Answered, ThisWeek, "asker-2", businessUnit: Research));
        }

        var report = await _calculator.CalculateCurrentAsync(DigestScope.ForBusinessUnit(Sales), CancellationToken.None);

        Assert.Equal(new PipelineActivity(Submitted: 1, StageMoves: 1, ProofsOfConceptStarted: 0, Rollouts: 0, ParkedOrRejected: 0), report.ThisWeek);
        Assert.Equal(1, report.Pipeline.Single(s => s.Status == PipelineStages.Submitted).Count);
        Assert.Equal(1, report.Pipeline.Single(s => s.Status == PipelineStages.Pilot).Count);
        Assert.Equal(0, report.Pipeline.Single(s => s.Status == PipelineStages.Assessment).Count);
        Assert.Equal(1, report.QuestionsThisWeek.Answered);
    }

    [StoreFact]
    public async Task CalculateCurrentAsync_Ideas_PipelineListsEveryStageInOrderWithCounts()
    {
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Idea(Research, PipelineStages.Submitted, Earlier),
                Idea(Sales, PipelineStages.Submitted, Earlier),
                Idea(Sales, PipelineStages.Rollout, Earlier));
        }

        var report = await _calculator.CalculateCurrentAsync(DigestScope.Company, CancellationToken.None);

        Assert.Equal(IdeaStatuses.All, report.Pipeline.Select(s => s.Status));
        Assert.Equal([2, 0, 0, 0, 1, 0, 0, 0], report.Pipeline.Select(s => s.Count));
    }

    [StoreFact]
    public async Task CalculateCurrentAsync_QuestionsAndFeedback_ComputesRatesAndDistinctAskersPerWeek()
    {
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Question("a", AnswerOutcomes.Answered, ThisWeek, "asker-1"),
                Question("b", AnswerOutcomes.Answered, ThisWeek.AddHours(1), "asker-1"),
                Question("c", AnswerOutcomes.Answered, ThisWeek.AddHours(2), "asker-2"),
                Question("d", AnswerOutcomes.NotCovered, ThisWeek.AddHours(3), null),
                Question("e", AnswerOutcomes.NotCovered, LastWeek, "asker-3"),
                Question("f", AnswerOutcomes.Answered, Earlier, "asker-4"),
                Feedback("like", ThisWeek),
                Feedback("like", ThisWeek),
                Feedback("like", ThisWeek),
                Feedback("dislike", ThisWeek),
                Feedback("dislike", LastWeek));
        }

        var report = await _calculator.CalculateCurrentAsync(DigestScope.Company, CancellationToken.None);

        Assert.Equal(new QuestionActivity(Answered: 3, NotCovered: 1, Likes: 3, Feedback: 4, ActiveAskers: 2), report.QuestionsThisWeek);
        Assert.Equal(0.25, report.QuestionsThisWeek.NotCoveredRate);
        Assert.Equal(0.75, report.QuestionsThisWeek.HelpfulRate);
        Assert.Equal(new QuestionActivity(Answered: 0, NotCovered: 1, Likes: 0, Feedback: 1, ActiveAskers: 1), report.QuestionsLastWeek);
        Assert.Equal(1.0, report.QuestionsLastWeek.NotCoveredRate);
        Assert.Equal(0.0, report.QuestionsLastWeek.HelpfulRate);
    }

    [StoreFact]
    public async Task CalculateCurrentAsync_BusinessUnitScope_CountsOnlyThatUnitsAskersAndTheFeedbackOnTheirAnswers()
    {
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Question("a", AnswerOutcomes.Answered, ThisWeek, "sales-1", answerId: "answer-sales-a", businessUnit: Sales),
                Question("b", AnswerOutcomes.NotCovered, ThisWeek.AddHours(1), "sales-2", answerId: "answer-sales-b", businessUnit: Sales),
                Question("c", AnswerOutcomes.Answered, ThisWeek.AddHours(2), "sales-1", answerId: "answer-sales-c", businessUnit: Sales),
                Question("d", AnswerOutcomes.NotCovered, LastWeek, "sales-3", answerId: "answer-sales-d", businessUnit: Sales),
                Question("e", AnswerOutcomes.Answered, ThisWeek, "research-1", answerId: "answer-research-e", businessUnit: Research),
                Question("f", AnswerOutcomes.NotCovered, ThisWeek, "research-2", answerId: "answer-research-f", businessUnit: Research),
                Question("g", AnswerOutcomes.Answered, ThisWeek, "unknown-1", answerId: "answer-unknown-g"),
                Feedback("like", ThisWeek, "answer-sales-a"),
                Feedback("dislike", ThisWeek, "answer-sales-c"),
                Feedback("like", ThisWeek.AddHours(1), "answer-sales-c"),
                Feedback("dislike", LastWeek.AddHours(1), "answer-sales-d"),
                Feedback("like", ThisWeek, "answer-research-e"),
                Feedback("dislike", ThisWeek, "answer-unknown-g"),
                Feedback("like", ThisWeek));
        }

        var sales = await _calculator.CalculateCurrentAsync(DigestScope.ForBusinessUnit(Sales), CancellationToken.None);
        var company = await _calculator.CalculateCurrentAsync(DigestScope.Company, CancellationToken.None);

        Assert.Equal(new QuestionActivity(Answered: 2, NotCovered: 1, Likes: 2, Feedback: 3, ActiveAskers: 2), sales.QuestionsThisWeek);
        Assert.Equal(new QuestionActivity(Answered: 0, NotCovered: 1, Likes: 0, Feedback: 1, ActiveAskers: 1), sales.QuestionsLastWeek);
        Assert.Equal(new QuestionActivity(Answered: 4, NotCovered: 2, Likes: 4, Feedback: 6, ActiveAskers: 5), company.QuestionsThisWeek);
        Assert.Equal(new QuestionActivity(Answered: 0, NotCovered: 1, Likes: 0, Feedback: 1, ActiveAskers: 1), company.QuestionsLastWeek);
    }

    [StoreFact]
    public async Task CalculateCurrentAsync_BusinessUnitScope_KnowledgeGapsStayCompanyWide_AndNeedThreeAskers()
    {
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Question("Who approves a pilot?", AnswerOutcomes.NotCovered, ThisWeek, "research-1", businessUnit: Research),
                Question("Who approves a pilot?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(1), "unknown-1"),
                Question("Who approves a pilot?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(2), "unknown-1"));
        }

        var twoPeople = await _calculator.CalculateCurrentAsync(DigestScope.ForBusinessUnit(Sales), CancellationToken.None);

        Assert.Equal(0, twoPeople.QuestionsThisWeek.NotCovered);
        Assert.Empty(twoPeople.KnowledgeGaps);

        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db, Question("who approves a PILOT?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(3), "sales-7", businessUnit: Sales));
        }

        var threePeople = await _calculator.CalculateCurrentAsync(DigestScope.ForBusinessUnit(Sales), CancellationToken.None);
        var company = await _calculator.CalculateCurrentAsync(DigestScope.Company, CancellationToken.None);

        Assert.Equal([new KnowledgeGap("approves · pilot", 4)], threePeople.KnowledgeGaps);
        Assert.Equal([new KnowledgeGap("who approves a pilot?", 4)], company.KnowledgeGaps);
    }

    [StoreFact]
    public async Task CalculateCurrentAsync_UnitDigestLabels_KeepOnlyKnowledgeBaseWords_NoNamesEmailsNumbersOrWhatFollowsMyManager()
    {
        _knowledge.UnknownTerms.AddRange(["harassment", "jdoe"]);
        const string asked = "How do I report Harassment by my manager Jane Doe, jdoe@contoso.com 4711234?";
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Question(asked, AnswerOutcomes.NotCovered, ThisWeek, "a-1"),
                Question(asked, AnswerOutcomes.NotCovered, ThisWeek.AddHours(1), "a-2"),
                Question("Can Jane Doe report 123456 jdoe@contoso.com to my boss?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(2), "a-3"),
                Question("Can Jane Doe report 123456 jdoe@contoso.com to my boss?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(3), "a-4"));
        }

        var unit = await _calculator.CalculateCurrentAsync(DigestScope.ForBusinessUnit(Sales), CancellationToken.None);

        // Both wordings end up as the same neutral topic, asked by four people.
        var gap = Assert.Single(unit.KnowledgeGaps);
        Assert.Equal(new KnowledgeGap("report", 4), gap);
        var json = AdoptionBot.Core.Cards.CardSerializer.ToJson(DigestCard.Build(unit));
        foreach (var secret in new[] { "Jane", "Doe", "jdoe", "contoso", "4711234", "123456", "Harassment", "harassment", "manager", "boss" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [StoreFact]
    public async Task CalculateCurrentAsync_NotCoveredQuestions_GroupsNormalisedTextMostFrequentFirstWithoutAskers()
    {
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Question("Can I use ChatGPT for customer data?", AnswerOutcomes.NotCovered, ThisWeek, "asker-secret-1"),
                Question("  can i use   chatgpt\tfor customer DATA? ", AnswerOutcomes.NotCovered, ThisWeek.AddHours(1), "asker-secret-2"),
                Question("CAN I USE CHATGPT FOR\n CUSTOMER DATA?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(2), "asker-secret-3"),
                Question("Who approves a pilot?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(3), "asker-secret-1"),
                Question("who approves a pilot?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(4), "asker-secret-2"),
                Question("Is there a budget?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(5), "asker-secret-2"),
                Question("Are there templates?", AnswerOutcomes.NotCovered, ThisWeek.AddHours(6), "asker-secret-2"),
                Question("Can I use ChatGPT for customer data?", AnswerOutcomes.Answered, ThisWeek.AddHours(7), "asker-secret-4"),
                Question("Who approves a pilot?", AnswerOutcomes.NotCovered, LastWeek, "asker-secret-5"));
        }

        var report = await _calculator.CalculateCurrentAsync(DigestScope.Company, CancellationToken.None);

        Assert.Equal(
            [
                new KnowledgeGap("can i use chatgpt for customer data?", 3),
                new KnowledgeGap("who approves a pilot?", 2),
                new KnowledgeGap("are there templates?", 1),
            ],
            report.KnowledgeGaps);
        var json = AdoptionBot.Core.Cards.CardSerializer.ToJson(DigestCard.Build(report));
        Assert.DoesNotContain("asker-secret", json, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task CalculateAsync_WeekWithDaylightSavingStart_Is167HoursFromMondayMidnightToMondayMidnight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var week = _calculator.WeekOf(new DateOnly(2026, 3, 29));
        await using (var db = _store.CreateDbContext())
        {
            await AddAsync(db,
                Question("before", AnswerOutcomes.Answered, new DateTime(2026, 3, 22, 22, 59, 0, DateTimeKind.Utc), "sunday-night-cet"),
                Question("first", AnswerOutcomes.Answered, new DateTime(2026, 3, 22, 23, 0, 0, DateTimeKind.Utc), "monday-midnight-cet"),
                Question("last", AnswerOutcomes.Answered, new DateTime(2026, 3, 29, 21, 59, 0, DateTimeKind.Utc), "sunday-night-cest"),
                Question("after", AnswerOutcomes.Answered, new DateTime(2026, 3, 29, 22, 0, 0, DateTimeKind.Utc), "monday-midnight-cest"));
        }

        var report = await _calculator.CalculateAsync(DigestScope.Company, week, CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 3, 23), week.Monday);
        Assert.Equal(TimeSpan.FromHours(167), week.Length);
        Assert.Equal(new DateTime(2026, 3, 23), TimeZoneInfo.ConvertTimeFromUtc(week.StartUtc, zone));
        Assert.Equal(new DateTime(2026, 3, 30), TimeZoneInfo.ConvertTimeFromUtc(week.EndUtc, zone));
        Assert.Equal(2, report.QuestionsThisWeek.Answered);
        Assert.Equal(1, report.QuestionsLastWeek.Answered);
        Assert.False(report.IsPartialWeek);
    }

    [StoreFact]
    public void CurrentWeek_FakeClockOnSundayEveningUtcThatIsMondayInBerlin_IsTheNextWeek()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 15, 23, 30, 0, TimeSpan.Zero));

        var week = _calculator.CurrentWeek();

        Assert.Equal(new DateOnly(2026, 3, 16), week.Monday);
        Assert.Equal(TimeSpan.FromHours(168), week.Length);
    }
}

public sealed class SqliteDigestCalculatorTests : DigestCalculatorTests<SqliteStoreFixture>;

public sealed class PostgreSqlDigestCalculatorTests : DigestCalculatorTests<PostgreSqlStoreFixture>;
