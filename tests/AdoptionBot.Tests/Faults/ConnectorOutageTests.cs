using System.Net;
using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AdoptionBot.Tests.Faults;

/// <summary>
/// The Bot Connector down for a full minute while employees keep working: every call answered 503 for 60 s of real
/// time, then back. The delivery settings are shortened (row delay at most 5 s, more attempts) so recovery shows within
/// seconds; with the defaults a row survives about nine minutes of outage (docs/benchmarks.md has the arithmetic).
/// </summary>
public sealed class ConnectorOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ConnectorDownForAMinute_NothingIsLost_AndEveryMessageArrivesOnceWhenItIsBack()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:PollInterval"] = "00:00:00.500",
            ["Delivery:BackoffBase"] = "00:00:00.100",
            ["Delivery:AttemptsPerSend"] = "2",
            ["Delivery:MaxRowDelay"] = "00:00:05",
            ["Delivery:MaxRowAttempts"] = "40",
        });
        var connector = host.Connector;
        const string Channel = "19:outage-purchasing@thread.tacv2";
        var link = await host.AskAsync(host.ChannelMessage("link Purchasing", Channel));
        Assert.Contains("follows **Purchasing**", link.Text, StringComparison.Ordinal);
        var formId = await host.NewIdeaFormAsync();
        var sentBefore = connector.Sent.Count;

        connector.AnswerWith = _ => new ScriptedAnswer(HttpStatusCode.ServiceUnavailable);
        var down = System.Diagnostics.Stopwatch.StartNew();

        // An idea submitted, moved by the portfolio team, and a question asked, all while the connector is down.
        var submitted = await host.PressAndReadAsync(BotTestHost.IdeaSubmission(formId, "Summarise supplier audit reports"));
        var ideaId = BotTestHost.IdeaId().Match(submitted).Value;
        Assert.False(string.IsNullOrEmpty(ideaId), "no idea id in the confirmation: " + submitted);
        var moved = await host.PressAndReadAsync(new JsonObject
        {
            ["verb"] = IdeaCards.SetStatusVerb,
            ["ideaId"] = ideaId,
            ["status"] = PipelineStages.Assessment,
            ["version"] = 1,
        }, admin: true);
        Assert.Contains(PipelineStages.DisplayName(PipelineStages.Assessment), moved, StringComparison.Ordinal);
        var question = host.Activity("personal-message.json", a => a["text"] = "Can I paste customer data into ChatGPT?");
        using (var asked = await host.PostAsync(question))
        {
            Assert.True(asked.IsSuccessStatusCode, $"the question's turn answered {(int)asked.StatusCode}");
        }

        var rows = await RowsAsync(host);
        Assert.Contains(rows, r => r.Kind == "reply");
        Assert.Contains(rows, r => r.Kind == "statusUpdate" && r.ConversationId == Channel);
        Assert.Contains(rows, r => r.Kind == "notice");

        await Task.Delay(Outage - down.Elapsed);
        rows = await RowsAsync(host);
        Assert.All(rows, r => Assert.Equal(OutboxStatuses.Pending, r.Status));
        Assert.True(rows.All(r => r.Attempts >= 2), "the sender kept trying through the outage");
        Assert.Equal(sentBefore, connector.Sent.Count);
        var failedCalls = connector.Calls.Count(c => c.Status == HttpStatusCode.ServiceUnavailable);

        connector.AnswerWith = null;
        var back = System.Diagnostics.Stopwatch.StartNew();
        await Poll.UntilAsync(
            async () => (await RowsAsync(host)).All(r => r.Status == OutboxStatuses.Sent),
            TimeSpan.FromSeconds(60),
            () => "every waiting message to be sent",
            TimeSpan.FromMilliseconds(200));

        var recovered = back.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate would arrive in this time
        rows = await RowsAsync(host);
        Assert.All(rows, r => Assert.Equal(OutboxStatuses.Sent, r.Status));
        var arrivals = connector.Sent.Skip(sentBefore).ToList();
        Assert.Equal(rows.Count, arrivals.Count);
        Assert.Equal(arrivals.Count, arrivals.Select(a => a.ConversationId + "\n" + a.Activity["text"] + "\n" + a.Activity["attachments"]?.ToJsonString()).Distinct().Count());
        var answer = Assert.Single(arrivals, a => a.ConversationId == question["conversation"]!["id"]!.GetValue<string>() && a.Text.Contains("Never paste customer data", StringComparison.Ordinal));
        Assert.NotEmpty(answer.Citations!); // the spooled answer keeps its citations
        Assert.Single(arrivals, a => a.ConversationId == Channel);
        Assert.Equal(1, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
        output.WriteLine($"{failedCalls} calls answered 503 in {Outage.TotalSeconds:F0} s; {rows.Count} waiting messages ({string.Join(", ", rows.Select(r => r.Kind))}) delivered {recovered.TotalSeconds:F1} s after the connector came back, each once.");
    }

    private static async Task<List<OutboxMessage>> RowsAsync(BotTestHost host) =>
        await host.QueryStoreAsync(db => db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync());
}
