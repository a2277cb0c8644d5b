using System.Text.Json.Nodes;
using AdoptionBot.Experts;
using AdoptionBot.Tests.Experts;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.MultiInstance;

/// <summary>
/// The expert loop on two bot instances sharing one store and one Bot Connector, each step on the other instance than
/// the one before: Teams may send any press to any instance, and the same press to both.
/// </summary>
[Collection(MultiInstanceCollection.Name)]
public abstract class ExpertLoopMultiInstanceTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string Question = "How many GPU hours per month does a team get on the internal AI platform?";
    private const string Paraphrase = "What is the monthly GPU hour quota for a team on the internal AI platform?";
    private const string ExpertAnswer = "Every team gets 200 GPU hours per month on the internal AI platform. A team that needs more asks the platform team through the AI platform request form.";

    private TStore _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task Loop_OnTwoInstances_TheSamePressesOnBoth_OneTicketOneTakerOneRelay_ThenTheFaqAnswers()
    {
        await using var connector = await StandInConnector.StartAsync();
        var settings = new Dictionary<string, string?>(_store.BotSettings)
        {
            ["Delivery:PollInterval"] = "00:00:00.200",
            ["Delivery:BackoffBase"] = "00:00:00.050",
            ["Delivery:MaxRowDelay"] = "00:00:01",
        };
        await using var first = new BotTestHost(settings, connector);
        await using var second = new BotTestHost(settings, connector);
        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());
        var one = new ExpertLoopDriver(first);
        var other = new ExpertLoopDriver(second);

        await one.LinkExpertsChannelAsync();
        var answer = await other.AskAsync(Question);

        // The ask form sent to both instances at once (Teams retried it): one ticket, one card in the channel.
        var offer = ExpertLoopDriver.ExecuteData(answer, ExpertCards.AskFormVerb)!;
        var form = await first.PressAndReadAsync(offer);
        var send = ExpertLoopDriver.ExecuteDataOf(JsonNode.Parse(form)!["value"], ExpertCards.AskVerb)!;
        var asked = await Task.WhenAll(first.PressAndReadAsync(send.DeepClone().AsObject()), second.PressAndReadAsync(send.DeepClone().AsObject()));
        Assert.Equal(1, await first.QueryStoreAsync(db => db.ExpertTickets.CountAsync()));
        var ticketId = (await first.QueryStoreAsync(db => db.ExpertTickets.SingleAsync())).Id;
        Assert.All(asked, body => Assert.Contains(ExpertTicket.FormatId(ticketId), body, StringComparison.Ordinal));

        // Two experts press Take it on different instances at once: one has it, the other is told who.
        var takes = await Task.WhenAll(
            one.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.TakeVerb, ticketId),
            other.PressAsExpertAndReadAsync(ExpertLoopDriver.Jonas, ExpertCards.TakeVerb, ticketId));
        var taker = (await first.QueryStoreAsync(db => db.ExpertTickets.SingleAsync())).TakenByName;
        Assert.Single(takes, body => body.Contains($"{taker} has {ExpertTicket.FormatId(ticketId)} since", StringComparison.Ordinal));
        var expert = taker == ExpertLoopDriver.Megan.Name ? ExpertLoopDriver.Megan : ExpertLoopDriver.Jonas;

        // The taker's answer reaches both instances at once: one relay.
        var inputs = new Dictionary<string, string> { [ExpertCards.AnswerInput] = ExpertAnswer };
        await Task.WhenAll(
            one.PressAsExpertAndReadAsync(expert, ExpertCards.AnswerVerb, ticketId, inputs),
            other.PressAsExpertAndReadAsync(expert, ExpertCards.AnswerVerb, ticketId, inputs));
        await connector.WaitForAsync(a => one.Relays(ticketId).Contains(a));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // both instances' senders have polled the outbox by now
        Assert.Single(one.Relays(ticketId));
        Assert.Single(one.ChannelPosts(ticketId));

        // Published on one instance, approved on the other: the approving instance answers the paraphrase from it.
        await one.PressAsExpertAndReadAsync(expert, ExpertCards.PublishVerb, ticketId, new Dictionary<string, string>
        {
            [ExpertCards.FaqQuestionInput] = "How many GPU hours does a team get on the internal AI platform?",
            [ExpertCards.FaqAnswerInput] = ExpertAnswer,
        });
        var entry = await first.QueryStoreAsync(db => db.FaqEntries.SingleAsync());
        var approvals = await Task.WhenAll(
            other.PressAsAdminAsync(new JsonObject { ["verb"] = FaqCards.ApproveVerb, ["faqId"] = entry.Id }),
            one.PressAsAdminAsync(new JsonObject { ["verb"] = FaqCards.ApproveVerb, ["faqId"] = entry.Id }));
        Assert.All(approvals, body => Assert.Contains("is published", body, StringComparison.Ordinal));
        var fromFaq = await other.AskAsync(Paraphrase);
        Assert.Equal("FAQ — How many GPU hours does a team get on the internal AI platform?", fromFaq.Citations![0]!["appearance"]!["name"]!.GetValue<string>());
        Assert.Equal(2, (await first.QueryStoreAsync(db => db.FaqEntries.SingleAsync())).Version);
        Assert.Equal(1, (await first.QueryStoreAsync(db => db.ExpertTickets.SingleAsync())).Answers);
    }
}

public sealed class SqliteExpertLoopMultiInstanceTests : ExpertLoopMultiInstanceTests<SqliteStoreFixture>;

public sealed class PostgreSqlExpertLoopMultiInstanceTests : ExpertLoopMultiInstanceTests<PostgreSqlStoreFixture>;
