using AdoptionBot.Questions;
using AdoptionBot.Tests.People;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Questions;

/// <summary>Which business unit a question is recorded for, through /api/messages.</summary>
public sealed class QuestionBusinessUnitTests(BotTestHost host, GraphEnabledBotHost graph) : IClassFixture<BotTestHost>, IClassFixture<GraphEnabledBotHost>
{
    [Fact]
    public async Task QuestionInALinkedChannel_IsRecordedWithTheChannelsBusinessUnit_WithoutGraph()
    {
        var channel = "19:asked-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var question = $"How fast do I have to report an AI incident? ({Guid.NewGuid():N})";
        var linked = await host.AskAsync(host.ChannelMessage("link Purchasing", channel));

        await host.AskAsync(host.ChannelMessage(question, channel));

        var record = await RecordAsync(host, question);
        Assert.Contains("follows **Purchasing**", linked.Text, StringComparison.Ordinal);
        Assert.Equal("Purchasing", record.BusinessUnit);
        Assert.StartsWith(channel, record.ConversationId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuestionInAChannelThatIsNotLinked_WithoutGraph_HasNoBusinessUnit()
    {
        var channel = "19:unlinked-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var question = $"Can I paste customer data into ChatGPT? ({Guid.NewGuid():N})";

        await host.AskAsync(host.ChannelMessage(question, channel));

        Assert.Null((await RecordAsync(host, question)).BusinessUnit);
    }

    [Fact]
    public async Task QuestionInAPersonalChat_WithGraph_IsRecordedWithTheUnitOfTheAskersDepartment()
    {
        var question = $"Can I paste customer data into ChatGPT? ({Guid.NewGuid():N})";

        var reply = await graph.Host.AskAsync(graph.Host.Activity("personal-message.json", a => a["text"] = question));

        var record = await RecordAsync(graph.Host, question);
        Assert.Equal("Purchasing", record.BusinessUnit);
        Assert.Equal(reply.Id, record.AnswerId);
        Assert.Contains(graph.Graph.Requests, r => r.PathAndQuery.StartsWith($"/v1.0/users/{GraphEnabledBotHost.EmployeeObjectId}?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuestionInALinkedChannel_WithGraph_CountsForTheChannelsUnitNotTheDepartments()
    {
        var channel = "19:asked-graph-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var question = $"Who approves a pilot? ({Guid.NewGuid():N})";
        await graph.Host.AskAsync(graph.Host.ChannelMessage("link After Sales", channel));

        await graph.Host.AskAsync(graph.Host.ChannelMessage(question, channel));

        Assert.Equal("After Sales", (await RecordAsync(graph.Host, question)).BusinessUnit);
    }

    // The question is logged after the answer has been sent, so it may land a moment after the reply.
    private static async Task<QuestionRecord> RecordAsync(BotTestHost host, string question)
    {
        var record = await Poll.ReadUntilAsync(
            () => host.QueryStoreAsync(db => db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Question == question)),
            found => found is not null,
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(50));
        Assert.True(record is not null, $"The question \"{question}\" was not logged.");
        return record;
    }
}
