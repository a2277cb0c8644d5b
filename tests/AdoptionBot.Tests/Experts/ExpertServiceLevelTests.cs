using System.Net;
using System.Text.Json.Nodes;
using AdoptionBot.Experts;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Experts;

/// <summary>
/// What keeps the loop's promises when things go wrong or wait: a relay during a connector outage, an experts' channel
/// that removed the bot, reminders after Experts:ReminderHours working hours, retention, the digest, the knowledge
/// gaps and the FAQ entries' upkeep.
/// </summary>
public abstract class ExpertServiceLevelTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string Question = "How many GPU hours per month does a team get on the internal AI platform?";
    private const string Paraphrase = "What is the monthly GPU hour quota for a team on the internal AI platform?";
    private const string ExpertAnswer = "Every team gets 200 GPU hours per month on the internal AI platform. A team that needs more asks the platform team through the AI platform request form.";

    private TStore _store = null!;
    private BotTestHost _host = null!;
    private ExpertLoopDriver _loop = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>(_store.BotSettings)
        {
            // An outage is retried quickly here; the retries' count and pace are Delivery's and tested there.
            ["Delivery:PollInterval"] = "00:00:00.200",
            ["Delivery:BackoffBase"] = "00:00:00.050",
            ["Delivery:AttemptsPerSend"] = "2",
            ["Delivery:MaxRowDelay"] = "00:00:01",
            ["Delivery:MaxRowAttempts"] = "40",
        });
        _loop = new ExpertLoopDriver(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [StoreFact]
    public async Task RelayDuringAConnectorOutage_IsDeliveredOnceAfterRecovery()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));
        _host.Connector.Script(ExpertLoopDriver.AskerConversation, [.. Enumerable.Repeat(new ScriptedAnswer(HttpStatusCode.ServiceUnavailable), 6)]);

        var answered = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer });

        Assert.Contains("Answered", answered, StringComparison.Ordinal);
        await _host.Connector.WaitForAsync(a => _loop.Relays(ticketId).Contains(a), timeout: TimeSpan.FromSeconds(60));
        Assert.True(_host.Connector.Calls.Count(c => c.ConversationId == ExpertLoopDriver.AskerConversation && c.Status == HttpStatusCode.ServiceUnavailable) >= 6);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_loop.Relays(ticketId));
    }

    [StoreFact]
    public async Task ExpertsChannelRemovedTheBot_TicketsGoToThePortfolioTeam1To1_WithAWarning()
    {
        await _loop.LinkExpertsChannelAsync();
        _host.Connector.Script(ExpertLoopDriver.ExpertsChannel, new ScriptedAnswer(HttpStatusCode.Forbidden));

        var first = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));

        var moved = (await _host.Connector.WaitForAsync(a => a.ConversationId == ExpertLoopDriver.AdminConversation && ShownText.Joined(a).Contains(ExpertTicket.FormatId(first), StringComparison.Ordinal)))[^1];
        Assert.Contains("the experts' channel General stopped: the bot can no longer post there", ShownText.Joined(moved), StringComparison.Ordinal);
        Assert.Contains("link experts", ShownText.Joined(moved), StringComparison.Ordinal);
        Assert.False(await _host.QueryStoreAsync(db => db.ExpertChannels.AnyAsync(c => c.Active)));

        // The next ticket goes straight to the portfolio team, who can answer it there.
        var second = await _loop.OpenTicketAsync(await _loop.AskAsync("Which GPU types does the internal AI platform offer for fine-tuning?"));
        await _host.Connector.WaitForAsync(a => a.ConversationId == ExpertLoopDriver.AdminConversation && ShownText.Joined(a).Contains(ExpertTicket.FormatId(second), StringComparison.Ordinal));
        var answered = await _loop.PressAsAdminAsync(ExpertLoopDriver.TicketData(ExpertCards.AnswerVerb, second, new Dictionary<string, string> { [ExpertCards.AnswerInput] = "A100 and H100 nodes." }));
        Assert.Contains("Answered", answered, StringComparison.Ordinal);
        await _host.Connector.WaitForAsync(a => _loop.Relays(second).Contains(a));
    }

    [StoreFact]
    public async Task WaitingTooLong_IsPostedAgainMentioningWhoTookIt_OncePerPeriod()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));
        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.TakeVerb, ticketId);
        var watch = _host.Services.GetRequiredService<ExpertWatch>();
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));

        // Ten calendar days hold at least six working days, more than the 24 working hours of the default.
        var tenDaysAgo = DateTime.UtcNow.AddDays(-10);
        await _host.QueryStoreAsync(db => db.ExpertTickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(u => u.SetProperty(t => t.WaitingSinceUtc, tenDaysAgo)));

        Assert.Equal(1, await watch.CheckAsync(CancellationToken.None));
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));
        var reminder = (await _host.Connector.WaitForAsync(a => a.ConversationId == ExpertLoopDriver.ExpertsChannel && !a.IsUpdate && ShownText.Joined(a).Contains("Reminder:", StringComparison.Ordinal)))[^1];
        Assert.Contains("<at>Megan Bowen</at>, you took it", ShownText.Joined(reminder), StringComparison.Ordinal);
        var mention = reminder.Activity["attachments"]![0]!["content"]!["msteams"]!["entities"]![0]!;
        Assert.Equal(ExpertLoopDriver.Megan.ChannelUserId, mention["mentioned"]!["id"]!.GetValue<string>());
        Assert.Equal("<at>Megan Bowen</at>", mention["text"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Retention_DeletesOldTicketsWithTheAskersIdentity_TheFaqEntryStays()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await AnsweredAndPublishedAsync();
        var longAgo = DateTime.UtcNow.AddDays(-181);
        await _host.QueryStoreAsync(db => db.ExpertTickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedAtUtc, longAgo)));

        await _host.Services.GetServices<IRetentionRule>().OfType<TicketRetention>().Single().RunAsync(CancellationToken.None);

        Assert.False(await _host.QueryStoreAsync(db => db.ExpertTickets.AnyAsync(t => t.Id == ticketId)));
        Assert.False(await _host.QueryStoreAsync(db => db.TicketEvents.AnyAsync(e => e.TicketId == ticketId)));
        var entry = await _host.QueryStoreAsync(db => db.FaqEntries.SingleAsync());
        Assert.Equal(FaqStates.Published, entry.State);
        Assert.Null(entry.TicketId);
        Assert.NotNull((await _loop.AskAsync(Paraphrase)).Citations);
    }

    [StoreFact]
    public async Task Digest_ShowsTicketsAnsweredTheMedianTimeStillWaitingAndTheFaqEntriesPublished()
    {
        await _loop.LinkExpertsChannelAsync();
        await AnsweredAndPublishedAsync();
        await _loop.OpenTicketAsync(await _loop.AskAsync("Which GPU types does the internal AI platform offer for fine-tuning?"));

        var digest = ShownText.Joined(await _host.AskAsync(_host.Activity("personal-message.json", a =>
        {
            a["text"] = "digest preview";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        })));

        Assert.Contains("Questions for the GenAI team", digest, StringComparison.Ordinal);
        Assert.Contains("Tickets opened\n2", digest, StringComparison.Ordinal);
        Assert.Contains("Answered\n1", digest, StringComparison.Ordinal);
        Assert.Contains("Still waiting\n1", digest, StringComparison.Ordinal);
        Assert.Contains("FAQ — How many GPU hours does a team get on the internal AI platform?", digest, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Gaps_ListUnansweredAndLowRatedAnswersTogether_OneButtonOpensATicketWithoutTheAsker()
    {
        await _loop.LinkExpertsChannelAsync();
        await _loop.AskAsync(Question);
        var answer = await _loop.AskAsync("Can I paste customer data into ChatGPT?");
        await Poll.UntilAsync(async () => await _host.QueryStoreAsync(db => db.Questions.AnyAsync(q => q.AnswerId == answer.Id)), TimeSpan.FromSeconds(10), () => "the question to be recorded");
        using (var rated = await _host.PostAsync(_host.Activity("feedback-invoke.json", a => a["replyToId"] = answer.Id)))
        {
            rated.EnsureSuccessStatusCode();
        }

        var employee = await _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = "gaps"));
        Assert.Contains("Only the portfolio team", employee.Text, StringComparison.Ordinal);

        var gaps = await _host.AskAsync(_host.Activity("personal-message.json", a =>
        {
            a["text"] = "gaps";
            a["from"] = new JsonObject { ["id"] = "29:portfolio-admin", ["name"] = "Paula Portfolio", ["aadObjectId"] = BotTestHost.AdminObjectId };
            a["conversation"]!["id"] = ExpertLoopDriver.AdminConversation;
        }));
        var shown = ShownText.Joined(gaps);
        Assert.Contains(Question, shown, StringComparison.OrdinalIgnoreCase); // grouped as the digest groups them: lower case
        Assert.Contains("The answer missed the rule about translation websites.", shown, StringComparison.Ordinal);

        var form = await _loop.PressAsAdminAsync(ExpertLoopDriver.ExecuteData(gaps, GapCards.FormVerb)!);
        var open = ExpertLoopDriver.ExecuteDataOf(JsonNode.Parse(form)!["value"], GapCards.OpenVerb)!;
        open[GapCards.QuestionInput] = "How many GPU hours does a team get on the AI platform?";
        var opened = await _loop.PressAsAdminAsync(open);
        Assert.Contains("is with the GenAI experts", opened, StringComparison.Ordinal);

        var ticket = await _host.QueryStoreAsync(db => db.ExpertTickets.SingleAsync(t => t.Origin == TicketOrigins.Gap));
        Assert.Null(ticket.AskerObjectId);
        var posted = (await _host.Connector.WaitForAsync(a => _loop.ChannelPosts(ticket.Id).Contains(a)))[^1];
        Assert.Contains("from the knowledge gaps (no asker to answer)", ShownText.Joined(posted), StringComparison.Ordinal);
        Assert.DoesNotContain("Paula", posted.Activity.ToJsonString(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Faqs_EveryoneSeesThePublished_ThePortfolioTeamRetiresOne_TheBotNoLongerAnswersFromIt()
    {
        await _loop.LinkExpertsChannelAsync();
        await AnsweredAndPublishedAsync();

        var listed = ShownText.Joined(await _loop.AskAsync("faqs"));
        Assert.Contains("1 published", listed, StringComparison.Ordinal);
        Assert.Contains("How many GPU hours does a team get on the internal AI platform?", listed, StringComparison.Ordinal);

        var entry = await _host.QueryStoreAsync(db => db.FaqEntries.SingleAsync());
        var edited = await _loop.PressAsAdminAsync(new JsonObject
        {
            ["verb"] = FaqCards.EditVerb,
            ["faqId"] = entry.Id,
            [ExpertCards.FaqQuestionInput] = "How many GPU hours does a team get on the internal AI platform?",
            [ExpertCards.FaqAnswerInput] = "Every team gets 250 GPU hours per month on the internal AI platform; more through the AI platform request form.",
        });
        Assert.Contains("is published", edited, StringComparison.Ordinal);
        Assert.Contains("250 GPU hours", (await _loop.AskAsync(Paraphrase)).Text, StringComparison.Ordinal);

        var retired = await _loop.PressAsAdminAsync(new JsonObject { ["verb"] = FaqCards.RetireVerb, ["faqId"] = entry.Id });
        Assert.Contains("is retired", retired, StringComparison.Ordinal);
        Assert.Null((await _loop.AskAsync(Paraphrase)).Citations);

        var employeeRetire = await _host.PressAndReadAsync(new JsonObject { ["verb"] = FaqCards.ApproveVerb, ["faqId"] = entry.Id });
        Assert.Contains("Only the portfolio team", employeeRetire, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Refresh_ShowsTheTakerTheAnswerField_TheAskerTheirView_AnyoneElseNothingOfIt()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));
        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.TakeVerb, ticketId);

        var taker = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.ViewVerb, ticketId);
        var other = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Jonas, ExpertCards.ViewVerb, ticketId);
        var asker = await _host.PressAndReadAsync(ExpertLoopDriver.TicketData(ExpertCards.ViewVerb, ticketId));
        var stranger = await _host.PressAndReadAsync(ExpertLoopDriver.TicketData(ExpertCards.ViewVerb, ticketId), change: a => a["from"]!["aadObjectId"] = "77777777-0000-4000-8000-000000000077");

        Assert.Contains(ExpertCards.AnswerInput, taker, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"id\":\"{ExpertCards.AnswerInput}\"", other, StringComparison.Ordinal);
        Assert.Contains("taken by Megan Bowen", other, StringComparison.Ordinal);
        Assert.Contains("Your question", asker, StringComparison.Ordinal);
        Assert.DoesNotContain(Question, stranger, StringComparison.Ordinal);
    }

    /// <summary>A ticket answered by Megan and published as an FAQ entry (approved by the portfolio team); returns its number.</summary>
    private async Task<int> AnsweredAndPublishedAsync()
    {
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));
        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer });
        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.PublishVerb, ticketId, new Dictionary<string, string>
        {
            [ExpertCards.FaqQuestionInput] = "How many GPU hours does a team get on the internal AI platform?",
            [ExpertCards.FaqAnswerInput] = ExpertAnswer,
        });
        var entry = await _host.QueryStoreAsync(db => db.FaqEntries.SingleAsync(f => f.TicketId == ticketId));
        Assert.Contains("is published", await _loop.PressAsAdminAsync(new JsonObject { ["verb"] = FaqCards.ApproveVerb, ["faqId"] = entry.Id }), StringComparison.Ordinal);
        return ticketId;
    }
}

public sealed class SqliteExpertServiceLevelTests : ExpertServiceLevelTests<SqliteStoreFixture>;

public sealed class PostgreSqlExpertServiceLevelTests : ExpertServiceLevelTests<PostgreSqlStoreFixture>;
