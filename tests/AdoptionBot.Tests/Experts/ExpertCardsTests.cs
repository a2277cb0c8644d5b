using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Experts;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Experts;

/// <summary>The expert loop's cards under the official Adaptive Cards renderer, their size, and the working hours a reminder counts.</summary>
public sealed class ExpertCardsTests
{
    private static readonly DateTime Opened = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc); // a Friday

    public static TheoryData<string> Cards() => [.. AllCards().Keys];

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Card_IsValidForTheOfficialRenderer_AndWithinTeamsSize(string which)
    {
        var card = AllCards()[which];

        var json = CardSerializer.ToJson(card);
        Assert.True(CardSerializer.SizeInBytes(card) < CardSerializer.MaxCardBytes, $"{which}: {CardSerializer.SizeInBytes(card)} bytes");
        await AdaptiveCardValidator.Shared.AssertValidAsync(json);
    }

    [Fact]
    public void ExpertsCard_LongestTexts_StaysUnderTeamsLimit()
    {
        var ticket = Ticket(TicketStates.Answered);
        ticket.Question = new string('q', ExpertTicket.MaxQuestion);
        ticket.Context = new string('c', ExpertTicket.MaxContext);
        ticket.AnswerText = new string('a', ExpertTicket.MaxAnswer);
        ticket.AttemptedAnswer = new string('b', 2000);
        ticket.Sources = string.Join('\n', Enumerable.Repeat(new string('s', 300), 3));

        Assert.True(CardSerializer.SizeInBytes(ExpertCards.ForExperts(ticket, warning: new string('w', 400), reminder: "Reminder")) < CardSerializer.MaxCardBytes);
        Assert.True(CardSerializer.SizeInBytes(ExpertCards.AnswerForAsker(ticket)) < CardSerializer.MaxCardBytes);
    }

    [Fact]
    public void Reminder_MentionsTheTaker_WithANameThatCannotBecomeMarkdown()
    {
        var ticket = Ticket(TicketStates.Taken);
        ticket.TakenByName = "Megan *Bowen* [x](https://evil.example)";

        var card = ExpertCards.ForExperts(ticket, reminder: "Reminder: ASK-0007 has waited 30 working hours for an answer.");

        var mention = Assert.Single(card.MsTeams!.Entities);
        Assert.Equal("<at>Megan Bowen xhttpsevil.example</at>", mention.Text);
        Assert.Equal("29:megan", mention.Mentioned.Id);
        Assert.Contains(card.Body.OfType<TextBlock>(), t => t.Text.Contains(mention.Text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-12-04T09:00:00Z", "2026-12-07T09:00:00Z", 24)] // Friday 10:00 to Monday 10:00 in Berlin: the weekend does not count
    [InlineData("2026-12-07T09:00:00Z", "2026-12-08T09:00:00Z", 24)] // Monday to Tuesday
    [InlineData("2026-12-24T08:00:00Z", "2026-12-28T08:00:00Z", 24)] // Thursday 09:00 to Monday 09:00, the 25th a holiday: 15 h + 9 h
    [InlineData("2026-12-07T09:00:00Z", "2026-12-07T08:00:00Z", 0)]
    public void WorkingHours_CountOnlyWorkingDaysInTheProgrammesTimeZone(string from, string to, double hours)
    {
        var calendar = new Calendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), [new DateOnly(2026, 12, 25)]);

        Assert.Equal(hours, calendar.HoursBetween(DateTime.Parse(from, null, System.Globalization.DateTimeStyles.AdjustToUniversal), DateTime.Parse(to, null, System.Globalization.DateTimeStyles.AdjustToUniversal)), 3);
    }

    [Fact]
    public void FaqRefusal_TheAskersNameOrAShortQuestion_AreRefused_AGeneralQuestionIsNot()
    {
        Assert.Contains("names the person", FaqService.Refusal("Does Keller's team get more GPU hours?", "No.", "Anna Keller"), StringComparison.Ordinal);
        Assert.Contains("in full", FaqService.Refusal("GPU?", "No.", null), StringComparison.Ordinal);
        Assert.Null(FaqService.Refusal("Does a team get more GPU hours on request?", "Yes, through the request form.", "Anna Keller"));
        Assert.Null(FaqService.Refusal("Which kellerei wine pairs with the launch dinner?", "None.", "Al Ke")); // name parts under three letters are not checked
    }

    private static Dictionary<string, AdaptiveCard> AllCards()
    {
        var open = Ticket(TicketStates.Open);
        var taken = Ticket(TicketStates.Taken);
        var answered = Ticket(TicketStates.Answered);
        var closed = Ticket(TicketStates.Closed);
        closed.ClosedHow = TicketClosings.ByExpert;
        closed.ClosedReason = "Not a GenAI question: ask IT.";
        var entry = new FaqEntry { Id = 3, TenantId = "t", Question = "How many GPU hours does a team get?", Answer = "200 a month.", ExpertName = "Megan Bowen", State = FaqStates.Pending, AnsweredAtUtc = Opened, ProposedAtUtc = Opened, ProposedByName = "Megan Bowen" };
        return new Dictionary<string, AdaptiveCard>(StringComparer.Ordinal)
        {
            ["offer"] = ExpertCards.AskOffer("How many GPU hours?", TicketOrigins.NotCovered),
            ["ask form"] = ExpertCards.AskForm("How many GPU hours?", TicketOrigins.Unhelpful, "notice"),
            ["asked"] = ExpertCards.Asked(open),
            ["experts open"] = ExpertCards.ForExperts(open, warning: "No experts' channel is linked."),
            ["experts taken, reminder"] = ExpertCards.ForExperts(taken, reminder: "Reminder: waited 30 working hours."),
            ["experts answer form"] = ExpertCards.ForExperts(taken, form: ExpertCards.AnswerFormVerb),
            ["experts close form"] = ExpertCards.ForExperts(answered, form: ExpertCards.CloseFormVerb),
            ["experts closed"] = ExpertCards.ForExperts(closed),
            ["answer for asker"] = ExpertCards.AnswerForAsker(answered, "Say what is still unclear."),
            ["asker view"] = ExpertCards.ForAsker(closed),
            ["closed for asker"] = ExpertCards.ClosedForAsker(closed, "Megan Bowen"),
            ["publish form"] = ExpertCards.PublishForm(answered, needsApproval: true, "notice"),
            ["faq approval"] = FaqCards.Approval(entry),
            ["faq list"] = FaqCards.List([entry], manage: true),
            ["faq edit"] = FaqCards.EditForm(entry),
            ["faq result"] = FaqCards.Result(entry),
            ["gaps"] = GapCards.List(30, [new KnowledgeGap("how many gpu hours?", 3)], [new LowRatedAnswer("Can I paste customer data?", "Too vague", Opened)]),
            ["gap form"] = GapCards.Form("How many GPU hours?"),
        };
    }

    private static ExpertTicket Ticket(string state) => new()
    {
        Id = 7,
        TenantId = "t",
        RequestKey = "k",
        Question = "How many GPU hours per month does a team get?",
        Context = "Fine-tuning pilot",
        Origin = TicketOrigins.NotCovered,
        AskerName = "Anna Keller",
        State = state,
        AttemptedAnswer = "Not covered.",
        Sources = "Approved tools\nAI platform",
        CreatedAtUtc = Opened,
        WaitingSinceUtc = Opened,
        TakenByName = state == TicketStates.Open ? null : "Megan Bowen",
        TakenByChannelUserId = state == TicketStates.Open ? null : "29:megan",
        TakenByObjectId = state == TicketStates.Open ? null : "m",
        TakenAtUtc = state == TicketStates.Open ? null : Opened,
        AnswerText = state is TicketStates.Answered or TicketStates.Closed ? "200 a month." : null,
        AnsweredByName = state is TicketStates.Answered or TicketStates.Closed ? "Megan Bowen" : null,
        AnsweredAtUtc = state is TicketStates.Answered or TicketStates.Closed ? Opened : null,
        Answers = state is TicketStates.Answered or TicketStates.Closed ? 1 : 0,
    };

    private sealed class Calendar(TimeZoneInfo zone, IReadOnlyCollection<DateOnly> holidays) : IWorkingCalendar
    {
        public TimeZoneInfo Zone => zone;

        public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);
    }
}
