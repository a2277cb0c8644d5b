using System.Text.Json.Nodes;
using AdoptionBot.Experts;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Experts;

/// <summary>
/// The expert loop through /api/messages with Teams activity and invoke JSON: a question the knowledge base does not
/// cover goes to the experts' channel as a ticket, an expert takes and answers it, the answer reaches the asker once,
/// becomes an FAQ entry after the portfolio team's approval, and the same question in other words is then answered
/// from it with a citation.
/// </summary>
public abstract class ExpertLoopTurnTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    /// <summary>Not in the knowledge base; the FAQ entry below answers it.</summary>
    private const string Question = "How many GPU hours per month does a team get on the internal AI platform?";
    private const string Paraphrase = "What is the monthly GPU hour quota for a team on the internal AI platform?";
    private const string ExpertAnswer = "Every team gets 200 GPU hours per month on the internal AI platform. A team that needs more asks the platform team through the AI platform request form; extra hours are charged to the team's cost centre.";

    private TStore _store = null!;
    private BotTestHost _host = null!;
    private ExpertLoopDriver _loop = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        var settings = new Dictionary<string, string?>(_store.BotSettings);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        _host = await BotTestHost.StartAsync(settings);
        _loop = new ExpertLoopDriver(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [StoreFact]
    public async Task Loop_AskTakeAnswerRelayPublishApprove_TheParaphraseIsAnsweredFromTheFaqWithACitation()
    {
        await _loop.LinkExpertsChannelAsync();
        var notCovered = await _loop.AskAsync(Question);
        Assert.Null(notCovered.Citations);

        var ticketId = await _loop.OpenTicketAsync(notCovered, context: "We plan a fine-tuning pilot in Q1.");

        // One card in the experts' channel: the question, the asker, the bot's attempt, the three buttons.
        var posted = (await _host.Connector.WaitForAsync(a => a.ConversationId == ExpertLoopDriver.ExpertsChannel && ShownText.Joined(a).Contains(ExpertTicket.FormatId(ticketId), StringComparison.Ordinal)))[^1];
        var card = ShownText.Joined(posted);
        Assert.Contains(Question, card, StringComparison.Ordinal);
        Assert.Contains("Anna Keller", card, StringComparison.Ordinal);
        Assert.Contains("We plan a fine-tuning pilot in Q1.", card, StringComparison.Ordinal);
        Assert.Contains("the knowledge base did not cover it", card, StringComparison.Ordinal);
        Assert.Equal([ExpertCards.TakeVerb, ExpertCards.AnswerFormVerb, ExpertCards.CloseFormVerb], ExpertLoopDriver.Verbs(posted.Activity));
        Assert.Equal(ExpertCards.ViewVerb, posted.Activity["attachments"]![0]!["content"]!["refresh"]!["action"]!["verb"]!.GetValue<string>());

        // Megan takes it: the card is updated in place for everyone, naming her.
        var taken = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.TakeVerb, ticketId);
        Assert.Contains("taken by Megan Bowen", taken, StringComparison.Ordinal);
        var update = (await _host.Connector.WaitForAsync(a => a.IsUpdate && a.Id == posted.Id && ShownText.Joined(a).Contains("taken by Megan Bowen", StringComparison.Ordinal)))[^1];
        Assert.Equal(ExpertLoopDriver.Megan.ChannelUserId, update.Activity["attachments"]![0]!["content"]!["refresh"]!["userIds"]![0]!.GetValue<string>());

        // She answers; the answer reaches Anna's 1:1 chat once, with Megan's name, the ticket number and two buttons.
        var form = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerFormVerb, ticketId);
        Assert.Contains(ExpertCards.AnswerInput, form, StringComparison.Ordinal);
        var answered = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer });
        Assert.Contains("Answered", answered, StringComparison.Ordinal);
        var relay = (await _host.Connector.WaitForAsync(a => _loop.Relays(ticketId).Contains(a)))[^1];
        Assert.Equal(ExpertLoopDriver.AskerConversation, relay.ConversationId);
        var relayed = ShownText.Joined(relay);
        Assert.Contains("Megan Bowen answers:", relayed, StringComparison.Ordinal);
        Assert.Contains("200 GPU hours per month", relayed, StringComparison.Ordinal);
        Assert.Equal([ExpertCards.HelpedVerb, ExpertCards.UnclearVerb], ExpertLoopDriver.Verbs(relay.Activity));

        var helped = await _loop.PressAsAskerAsync(ExpertCards.HelpedVerb, ticketId, 1);
        Assert.Contains("is closed", helped, StringComparison.Ordinal);

        // Publish as FAQ: the question as a general one; a portfolio-team member approves it in their 1:1 chat.
        var publishForm = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.PublishFormVerb, ticketId);
        Assert.Contains(ExpertCards.FaqQuestionInput, publishForm, StringComparison.Ordinal);
        var proposed = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.PublishVerb, ticketId, new Dictionary<string, string>
        {
            [ExpertCards.FaqQuestionInput] = "How many GPU hours does a team get on the internal AI platform?",
            [ExpertCards.FaqAnswerInput] = ExpertAnswer,
        });
        Assert.Contains("waits for a portfolio-team member's approval", proposed, StringComparison.Ordinal);
        var approval = (await _host.Connector.WaitForAsync(a => a.ConversationId == ExpertLoopDriver.AdminConversation && ShownText.Joined(a).Contains("an FAQ entry to approve", StringComparison.Ordinal)))[^1];
        var approve = ExpertLoopDriver.ExecuteData(approval, FaqCards.ApproveVerb)!;

        // Before approval the paraphrase is not answered from it.
        Assert.Null((await _loop.AskAsync(Paraphrase)).Citations);

        var approved = await _loop.PressAsAdminAsync(approve);
        Assert.Contains("is published", approved, StringComparison.Ordinal);

        var fromFaq = await _loop.AskAsync(Paraphrase);
        Assert.NotNull(fromFaq.Citations);
        var citation = fromFaq.Citations![0]!["appearance"]!;
        Assert.Equal("FAQ — How many GPU hours does a team get on the internal AI platform?", citation["name"]!.GetValue<string>());
        Assert.Contains("Megan Bowen", citation["keywords"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("200 GPU hours", fromFaq.Text, StringComparison.Ordinal);

        // Exactly one relay for the one answer, however many updates the channel card had.
        Assert.Single(_loop.Relays(ticketId));
        Assert.Single(_loop.ChannelPosts(ticketId));
        var stored = await _host.QueryStoreAsync(db => db.ExpertTickets.Include(t => t.History).SingleAsync(t => t.Id == ticketId));
        Assert.Equal(TicketStates.Closed, stored.State);
        Assert.Equal(
            [TicketEventKinds.Opened, TicketEventKinds.Taken, TicketEventKinds.Answered, TicketEventKinds.Helped, TicketEventKinds.FaqProposed],
            stored.History.OrderBy(e => e.Id).Select(e => e.Kind));
    }

    [StoreFact]
    public async Task DoubledTakeIt_TheSecondExpertIsToldWhoHasIt()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));

        var presses = await Task.WhenAll(
            _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.TakeVerb, ticketId),
            _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Jonas, ExpertCards.TakeVerb, ticketId));

        var stored = await _host.QueryStoreAsync(db => db.ExpertTickets.SingleAsync(t => t.Id == ticketId));
        Assert.Equal(TicketStates.Taken, stored.State);
        var (winner, loser) = stored.TakenByName == "Megan Bowen" ? (presses[0], presses[1]) : (presses[1], presses[0]);
        Assert.DoesNotContain(" has ASK-", winner, StringComparison.Ordinal);
        Assert.Contains($"{stored.TakenByName} has {ExpertTicket.FormatId(ticketId)} since", loser, StringComparison.Ordinal);

        // Taking it again (Teams retries an invoke) tells the taker they have it and changes nothing.
        var again = await _loop.PressAsExpertAndReadAsync(stored.TakenByName == "Megan Bowen" ? ExpertLoopDriver.Megan : ExpertLoopDriver.Jonas, ExpertCards.TakeVerb, ticketId);
        Assert.Contains($"You have {ExpertTicket.FormatId(ticketId)}", again, StringComparison.Ordinal);
        Assert.Equal(stored.Version, (await _host.QueryStoreAsync(db => db.ExpertTickets.SingleAsync(t => t.Id == ticketId))).Version);
    }

    [StoreFact]
    public async Task DoubledAnswer_TheAskerGetsOneRelay()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));
        var answer = new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer };

        // Teams delivers the same press twice at once, and once more later (a retried invoke).
        await Task.WhenAll(
            _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, answer),
            _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, answer));
        var retried = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, answer);
        Assert.Contains("was sent", retried, StringComparison.Ordinal);

        // A second expert answering the answered ticket is refused: nothing is relayed.
        var late = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Jonas, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = "Another answer." });
        Assert.Contains("answered already: nothing was sent", late, StringComparison.Ordinal);

        await _host.Connector.WaitForAsync(a => _loop.Relays(ticketId).Contains(a));
        await Task.Delay(TimeSpan.FromSeconds(1)); // a second relay would have been sent by now
        Assert.Single(_loop.Relays(ticketId));
        Assert.Equal(1, (await _host.QueryStoreAsync(db => db.ExpertTickets.SingleAsync(t => t.Id == ticketId))).Answers);
    }

    [StoreFact]
    public async Task StillUnclear_ReopensWithTheComment_OnlyTheAskerCanPress_TheNextAnswerIsRelayedToo()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));
        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = "Ask the platform team." });

        var stranger = await _host.PressAndReadAsync(new JsonObject { ["verb"] = ExpertCards.UnclearVerb, ["ticketId"] = ticketId, ["answer"] = 1, [ExpertCards.CommentInput] = "?" }, change: a => a["from"]!["aadObjectId"] = "77777777-0000-4000-8000-000000000077");
        Assert.Contains("Only the person who asked", stranger, StringComparison.Ordinal);

        var noComment = await _loop.PressAsAskerAsync(ExpertCards.UnclearVerb, ticketId, 1);
        Assert.Contains("Say what is still unclear", noComment, StringComparison.Ordinal);

        var reopened = await _loop.PressAsAskerAsync(ExpertCards.UnclearVerb, ticketId, 1, "How many hours, and who approves more?");
        Assert.Contains("with the GenAI team again", reopened, StringComparison.Ordinal);
        await _host.Connector.WaitForAsync(a => a.IsUpdate && a.ConversationId == ExpertLoopDriver.ExpertsChannel && ShownText.Joined(a).Contains("How many hours, and who approves more?", StringComparison.Ordinal));

        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer });
        await _host.Connector.WaitForAsync(a => _loop.Relays(ticketId).Contains(a), count: 2);

        // The first answer's buttons now point to the newer one.
        var stale = await _loop.PressAsAskerAsync(ExpertCards.HelpedVerb, ticketId, 1);
        Assert.Contains("A newer answer", stale, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task AnonymousAsk_TheExpertsDoNotSeeWhoAsked_TheAnswerStillComesBack()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question), showName: false);

        var posted = (await _host.Connector.WaitForAsync(a => _loop.ChannelPosts(ticketId).Contains(a)))[^1];
        Assert.Contains("anonymous", ShownText.Joined(posted), StringComparison.Ordinal);
        Assert.DoesNotContain("Anna", posted.Activity.ToJsonString(), StringComparison.Ordinal);

        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer });
        Assert.Single(await _host.Connector.WaitForAsync(a => _loop.Relays(ticketId).Contains(a)));
        var updates = _host.Connector.Sent.Where(a => a.ConversationId == ExpertLoopDriver.ExpertsChannel);
        Assert.All(updates, a => Assert.DoesNotContain("Anna", a.Activity.ToJsonString(), StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task SomeoneOutsideTheExpertsChannel_CannotTakeOrAnswer()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));

        var elsewhere = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Jonas, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = "Forged." }, channel: "19:someOtherChannel@thread.tacv2");
        var asker = await _host.PressAndReadAsync(ExpertLoopDriver.TicketData(ExpertCards.TakeVerb, ticketId));

        Assert.Contains("Only the GenAI experts can do this", elsewhere, StringComparison.Ordinal);
        Assert.Contains("Only the GenAI experts can do this", asker, StringComparison.Ordinal);
        Assert.Equal(TicketStates.Open, (await _host.QueryStoreAsync(db => db.ExpertTickets.SingleAsync(t => t.Id == ticketId))).State);
    }

    [StoreFact]
    public async Task MarkdownAndLinksInTheAnswer_AreShownAsWritten_NeverAsFormatting()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question), context: "[click](https://evil.example) **now**");
        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = "See [the form](https://evil.example/x) and **hurry**" });

        var relay = (await _host.Connector.WaitForAsync(a => _loop.Relays(ticketId).Contains(a)))[^1];
        var shown = ShownText.Joined(relay);
        Assert.Contains(@"See \[the form\](https://evil.example/x) and \*\*hurry\*\*", shown, StringComparison.Ordinal);
        var card = ShownText.Joined(_loop.ChannelPosts(ticketId)[^1]);
        Assert.Contains(@"\[click\](https://evil.example) \*\*now\*\*", card, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task FaqEntryThatNamesTheAsker_IsRefused()
    {
        await _loop.LinkExpertsChannelAsync();
        var ticketId = await _loop.OpenTicketAsync(await _loop.AskAsync(Question));
        await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer });

        var refused = await _loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.PublishVerb, ticketId, new Dictionary<string, string>
        {
            [ExpertCards.FaqQuestionInput] = "How many GPU hours does Anna's team get?",
            [ExpertCards.FaqAnswerInput] = ExpertAnswer,
        });

        Assert.Contains("names the person who asked", refused, StringComparison.Ordinal);
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.FaqEntries.CountAsync()));
    }

    [StoreFact]
    public async Task UnhelpfulRating_OffersTheExperts_TheTicketSaysWhy()
    {
        await _loop.LinkExpertsChannelAsync();
        var answer = await _loop.AskAsync("Can I paste customer data into ChatGPT?");
        Assert.NotNull(answer.Citations);
        await Poll.UntilAsync(
            async () => await _host.QueryStoreAsync(db => db.Questions.AnyAsync(q => q.AnswerId == answer.Id)),
            TimeSpan.FromSeconds(10),
            () => "the question to be recorded with its answer's id");

        using var rated = await _host.PostAsync(_host.Activity("feedback-invoke.json", a =>
        {
            a["replyToId"] = answer.Id;
            a["value"]!["actionValue"] = new JsonObject { ["reaction"] = "dislike", ["feedback"] = """{"feedbackText":"It does not say which tool I may use."}""" };
        }));
        rated.EnsureSuccessStatusCode();

        var offer = (await _host.Connector.WaitForAsync(a => ExpertLoopDriver.ExecuteData(a, ExpertCards.AskFormVerb) is not null && a.ConversationId == ExpertLoopDriver.AskerConversation))[^1];
        Assert.Contains("Not what you needed?", ShownText.Joined(offer), StringComparison.Ordinal);
        var ticketId = await _loop.OpenTicketAsync(offer);
        var posted = (await _host.Connector.WaitForAsync(a => _loop.ChannelPosts(ticketId).Contains(a)))[^1];
        Assert.Contains("the asker rated the bot's answer unhelpful", ShownText.Joined(posted), StringComparison.Ordinal);
        Assert.Contains("Can I paste customer data into ChatGPT?", ShownText.Joined(posted), StringComparison.Ordinal);
    }
}

public sealed class SqliteExpertLoopTurnTests : ExpertLoopTurnTests<SqliteStoreFixture>;

public sealed class PostgreSqlExpertLoopTurnTests : ExpertLoopTurnTests<PostgreSqlStoreFixture>;
