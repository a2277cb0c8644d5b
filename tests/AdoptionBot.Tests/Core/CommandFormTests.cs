using System.Text.Json.Nodes;
using AdoptionBot.Channels;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Core;

/// <summary>A command is its exact form; a sentence that merely starts with a command's name is a question, answered and recorded as one.</summary>
public sealed class CommandFormTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Theory]
    [InlineData("triage of safety incidents with AI, how is it done")]
    [InlineData("channel partners and GenAI: what are the rules")]
    [InlineData("unlink customer names from prompts before sending")]
    [InlineData("hi, may I paste customer data into ChatGPT")]
    [InlineData("my ideas are not shown, why")]
    public async Task Sentence_StartingWithACommandName_IsAnsweredAsAQuestion(string sentence)
    {
        var before = await QuestionCountAsync();

        var reply = ShownText.Joined(await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = sentence;
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        })));

        Assert.Equal(before + 1, await QuestionCountAsync());
        Assert.DoesNotContain("Triage:", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Only the portfolio team", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Links are made", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuestionStartingWithLink_InAChannel_LinksNothing()
    {
        const string channel = "19:command-form-link-question@thread.tacv2";
        var before = await QuestionCountAsync();

        await host.AskAsync(host.ChannelMessage("link between the AI Act and our data protection guideline, is there one?", channel));

        Assert.Equal(before + 1, await QuestionCountAsync());
        Assert.False(await host.QueryStoreAsync(db => db.ChannelLinks.AnyAsync(l => l.ChannelId == channel)));
    }

    [Theory]
    [InlineData("triage", "Triage: ")]
    [InlineData("Triage.", "Triage: ")]
    [InlineData("help", "Commands:")]
    public async Task ExactForm_RunsTheCommand(string text, string expected)
    {
        var before = await QuestionCountAsync();

        var reply = ShownText.Joined(await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = text;
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        })));

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Equal(before, await QuestionCountAsync());
    }

    private Task<int> QuestionCountAsync() => host.QueryStoreAsync(db => db.Questions.CountAsync());
}
