using System.ComponentModel.DataAnnotations;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Ideas;
using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Ideas.Portfolio;

/// <summary>The portfolio's rules without a bot: the AI Act classification, working days and board dates, the options' checks, the cards.</summary>
public sealed class PortfolioRulesTests
{
    private static ScreeningAnswers Answers(string[]? prohibited = null, bool safety = false, string[]? areas = null, bool exempt = false, bool profiling = false, string[]? transparency = null) =>
        new(prohibited ?? [], safety, areas ?? [], exempt, profiling, transparency ?? [], "deployer");

    [Fact]
    public void Classify_EmotionRecognitionOfWorkers_IsProhibited()
    {
        var result = AiActScreener.Classify(Answers(prohibited: ["emotion-recognition-work-education"], areas: ["employment"]));

        Assert.Equal(AiActClasses.Prohibited, result.Class);
        Assert.Contains("Emotion recognition of people at work or in education", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, AiActClasses.HighRisk)]
    [InlineData(true, false, AiActClasses.Minimal)]
    [InlineData(true, true, AiActClasses.HighRisk)]
    public void Classify_AnnexThreeArea_IsHighRiskUnlessExempt_AndProfilingOverridesTheExemption(bool exempt, bool profiling, string expected)
    {
        var result = AiActScreener.Classify(Answers(areas: ["employment"], exempt: exempt, profiling: profiling));

        Assert.Equal(expected, result.Class);
        Assert.Contains("employment", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SafetyComponentOfAVehicle_IsHighRiskUnderAnnexOne()
    {
        Assert.Equal("safety component of a regulated product (Art. 6(1), Annex I)", AiActScreener.Classify(Answers(safety: true)).Reason);
    }

    [Fact]
    public void Classify_AChatbotThatWritesText_IsLimitedWithBothDuties()
    {
        var result = AiActScreener.Classify(Answers(transparency: ["talks-to-people", "synthetic-content"]));

        Assert.Equal(AiActClasses.Limited, result.Class);
        Assert.Equal(2, result.Duties.Count);
        Assert.Contains("Art. 50(1)", result.Duties[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_NothingTicked_IsMinimal()
    {
        Assert.Equal(AiActClasses.Minimal, AiActScreener.Classify(Answers()).Class);
    }

    [Fact]
    public void WorkingDays_SkipWeekendsAndConfiguredHolidays()
    {
        var calendar = Calendar(new PortfolioRulesOptions { Holidays = ["2026-12-24", "2026-12-25"] });

        // Monday 21 December 2026 plus five working days: 22, 23, (24, 25 holidays, weekend), 28, 29, 30.
        Assert.Equal(new DateOnly(2026, 12, 30), calendar.AddWorkingDays(new DateOnly(2026, 12, 21), 5));
        Assert.Equal(5, calendar.WorkingDaysBetween(new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 30)));
    }

    [Theory]
    [InlineData("2026-12-07", "2026-12-15")] // from the first meeting on 13 Jan 2026: 1, 15 and 29 Dec; papers for 15 Dec due Wednesday 9 Dec
    [InlineData("2026-12-09", "2026-12-15")] // the day the papers are due still makes it
    [InlineData("2026-12-10", "2026-12-29")]
    [InlineData("2026-12-24", "2027-01-12")]
    [InlineData("2025-12-30", "2026-01-13")] // before the first meeting: the schedule runs backwards too
    public void BoardMeeting_EverySecondTuesday_PapersDueTheWednesdayOfTheWeekBefore(string queued, string meeting)
    {
        var calendar = Calendar(new PortfolioRulesOptions());

        Assert.Equal(DateOnly.Parse(meeting, System.Globalization.CultureInfo.InvariantCulture), calendar.MeetingForPapersOn(DateOnly.Parse(queued, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Validate_WrongGatesAndDates_EachMessageNamesItsKey()
    {
        var options = new PortfolioRulesOptions
        {
            Holidays = ["24.12.2026"],
            BoardSchedule = new BoardScheduleOptions { FirstMeeting = "next Tuesday", EveryWeeks = 0 },
            Gates = new(StringComparer.OrdinalIgnoreCase)
            {
                ["poc"] = new GateOptions
                {
                    DecidedBy = "ceo",
                    Criteria = [new GateCriterionOptions { Id = "a", Text = "A", Check = "horoscope" }, new GateCriterionOptions { Id = "a", Text = "", TickedBy = "anyone" }],
                },
                ["launch"] = new GateOptions(),
            },
        };

        var messages = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Contains("Portfolio:Holidays:0 '24.12.2026' is not a date written yyyy-MM-dd (e.g. \"2026-12-24\").", messages);
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:BoardSchedule:FirstMeeting 'next Tuesday'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:BoardSchedule:EveryWeeks 0", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:Gates:poc:DecidedBy 'ceo'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:Gates:poc:Criteria:0:Check 'horoscope' is not a check", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:Gates:poc:Criteria:1:Id 'a' is used twice", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:Gates:poc:Criteria:1:Text is empty", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:Gates:poc:Criteria:1:TickedBy 'anyone'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Portfolio:Gates:launch is not a stage with a gate", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TheGuidelineDefaults_AreValid()
    {
        var options = new PortfolioRulesOptions { Gates = new(GuidelineGates.All, StringComparer.OrdinalIgnoreCase) };

        Assert.Empty(options.Validate(new ValidationContext(options)));
        Assert.Equal(GuidelineGates.Stages, new PortfolioRulesOptions().EffectiveGates.Keys.Order(Comparer<string>.Create((a, b) => GuidelineGates.Stages.ToList().IndexOf(a) - GuidelineGates.Stages.ToList().IndexOf(b))));
    }

    [Fact]
    public void StartUp_WithAGateCheckItCannotMake_FailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portfolio:Gates:pilot:Criteria:0:Id"] = "x",
            ["Portfolio:Gates:pilot:Criteria:0:Text"] = "X",
            ["Portfolio:Gates:pilot:Criteria:0:Check"] = "astrology",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddIdeas().BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Portfolio:Gates:pilot:Criteria:0:Check 'astrology' is not a check the bot can make", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Cards() => ["assessment", "screening", "gate", "information", "agenda", "legal", "register", "board-notice", "details"];

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Card_WithLongestTexts_IsValidForTeams(string which)
    {
        var idea = IdeaSamples.Idea(12, PipelineStages.Assessment, problemLength: 2000, titleLength: 120);
        var gate = new GateState(
            PipelineStages.Pilot,
            [.. GuidelineGates.All[PipelineStages.Pilot].Criteria.Select((c, i) => new CriterionState(c.Id, c.Text, i % 2 == 0, c.Check is null ? c.TickedBy : null, null))],
            GateDeciders.Board,
            "the board decides every move into Pilot",
            Prohibited: false);
        var items = Enumerable.Range(1, 12).Select(i =>
        {
            var subject = IdeaSamples.Idea(i, PipelineStages.Assessment, problemLength: 2000, titleLength: 120);
            subject.AiActClass = AiActClasses.HighRisk;
            subject.AiActReason = IdeaSamples.Text(500);
            subject.BudgetRequested = 120_000;
            subject.Score = 16;
            return new AgendaItem(new BoardItem { Id = i, IdeaId = i, ToStage = PipelineStages.ProofOfConcept, Reason = IdeaSamples.Text(500), MeetingDate = new DateOnly(2026, 12, 1), QueuedByName = "Petra Office", LegalSignOffAtUtc = i % 2 == 0 ? IdeaSamples.Now : null, LegalSignOffByName = "Lea Legal", Version = 1 }, subject);
        }).ToList();
        AdaptiveCard card = which switch
        {
            "agenda" => PortfolioCards.Agenda(new BoardAgenda(new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 9), items), "The board approved IDEA-0001."),
            "legal" => PortfolioCards.LegalReview(items, null),
            "register" => PortfolioCards.RegisterCard(new RegisterPage([.. items.Take(PortfolioFlow.RegisterPageSize).Select(i => new RegisterRow(UseCaseSummary.Of(i.Idea), "deployer"))], 0, PortfolioFlow.RegisterPageSize, 5000, new Dictionary<string, int> { [AiActClasses.HighRisk] = 12 })),
            "board-notice" => PortfolioCards.BoardDecisionNotice(idea, "The board declined the move to Pilot", IdeaSamples.Text(1000)),
            "details" => PortfolioCards.DetailsForm(idea, "Nothing was saved: " + IdeaSamples.Text(500), PortfolioExchange.DetailFields.ToDictionary(f => f, f => IdeaSamples.Text(f.Contains("link", StringComparison.OrdinalIgnoreCase) ? 2000 : 1000))),
            "assessment" => PortfolioCards.AssessmentForm(idea, "The assessment needs value 1 to 5."),
            "screening" => PortfolioCards.ScreeningForm(idea),
            "gate" => PortfolioCards.GateOpen(idea, gate, withTickButtons: true),
            _ => PortfolioCards.InformationRequest(idea, IdeaSamples.Text(1000), "Petra Office"),
        };

        var json = CardSerializer.ToJson(card);
        Assert.True(CardSerializer.SizeInBytes(card) < CardSerializer.MaxCardBytes, $"{which}: {CardSerializer.SizeInBytes(card)} bytes");
        await AdaptiveCardValidator.Shared.AssertValidAsync(json);
    }

    private static WorkingCalendar Calendar(PortfolioRulesOptions options)
    {
        options.TimeZone ??= "Europe/Berlin";
        return new WorkingCalendar(Options.Create(options));
    }
}
