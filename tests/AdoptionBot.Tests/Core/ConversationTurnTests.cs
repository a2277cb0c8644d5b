using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Core;

public sealed class ConversationTurnTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Fact]
    public async Task BotInstalledInPersonalChat_SendsWelcomeOnce()
    {
        var conversationId = "a:welcome-" + Guid.NewGuid().ToString("N");
        var activity = host.Activity("personal-install.json", a => a["conversation"]!["id"] = conversationId);

        using var response = await host.PostAsync(activity);

        var sent = await host.Connector.WaitForAsync(a => a.ConversationId == conversationId);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Single(sent);
        Assert.Contains("AdoptionBot", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("help", sent[0].Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("  Help ")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task HelpOrEmptyMessage_RepliesWithWhatTheBotCanDo(string text)
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = text));

        Assert.Contains("GenAI guidelines", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Citations);
    }

    [Fact]
    public async Task ChannelMessageWithoutMention_GetsNoReply()
    {
        var activity = host.Activity("channel-no-mention.json");
        var id = activity["id"]!.GetValue<string>();

        using var response = await host.PostAsync(activity);
        // a mentioned message sent after it is answered; by then the first one would have been too
        var marker = await host.AskAsync(host.Activity("channel-mention.json"));

        Assert.True(response.IsSuccessStatusCode);
        Assert.NotNull(marker);
        Assert.DoesNotContain(host.Connector.Sent, a => a.ReplyToId == id);
    }

    [Fact]
    public async Task ChannelMessageWithMention_IsAnsweredWithoutTheMentionText()
    {
        var reply = await host.AskAsync(host.Activity("channel-mention.json"));

        Assert.Contains("24 hours", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", reply.Text, StringComparison.Ordinal);
        Assert.NotNull(reply.Citations);
    }

    [Fact]
    public async Task MessageOverLimit_AsksToShorten()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = new string('x', 4001)));

        Assert.Contains("shorten", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(reply.Citations);
    }

    [Fact]
    public async Task Reindex_FromSomeoneOutsideThePortfolioTeam_IsRefused()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "reindex"));

        Assert.Contains("Only the portfolio team", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reindex_FromPortfolioTeam_ReportsWhatWasReRead()
    {
        var activity = host.Activity("personal-message.json", a =>
        {
            a["text"] = "reindex";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        });
        var id = activity["id"]!.GetValue<string>();

        using var response = await host.PostAsync(activity);
        var replies = await host.Connector.WaitForAsync(a => a.ReplyToId == id, count: 2);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("Re-indexing done", replies[^1].Text, StringComparison.Ordinal);
        Assert.Contains("0 re-read", replies[^1].Text, StringComparison.Ordinal);
    }
}
