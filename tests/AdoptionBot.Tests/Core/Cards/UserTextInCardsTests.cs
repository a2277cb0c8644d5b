using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Core.Cards;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Core.Cards;

/// <summary>
/// Teams renders Markdown in TextBlock and FactSet text. What one person types reaches other people's cards (the
/// channel's status update, the portfolio team's triage, a colleague's catalogue view, the digest's unanswered
/// questions) as text only: never as a link or formatting.
/// </summary>
public sealed partial class UserTextInCardsTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private const string Lure = "[Your Copilot licence expires – re-verify](https://evil.example/login)";
    private const string Colleague = "7a7a7a7a-1111-4222-8333-555555555555";

    [Fact]
    public async Task IdeaFieldsAndComments_WithAMarkdownLink_ReachOtherPeopleAsTextOnly()
    {
        var channel = "19:markdown-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(host.ChannelMessage("link After Sales", channel));
        var ideaId = await host.SubmitIdeaAsync("Renewals " + Lure, fields =>
        {
            fields["problem"] = "Problem " + Lure + " **urgent**";
            fields["solution"] = "Solution " + Lure;
            fields["businessUnit"] = "After Sales";
            fields["benefit"] = "Benefit " + Lure;
            fields["personalData"] = "false";
        });

        var triage = await host.AskAsync(AsAdmin(host.Activity("personal-message.json", a => a["text"] = "triage")));
        await host.MoveIdeaAsync(ideaId, "assessment", 1, "Comment " + Lure);
        await host.MoveIdeaAsync(ideaId, "poc", 2);
        var statusUpdates = await host.Connector.WaitForAsync(a => a.ConversationId == channel && a.Activity.ToJsonString().Contains(ideaId, StringComparison.Ordinal), count: 2);
        var catalogueView = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "idea " + ideaId;
            a["from"]!["aadObjectId"] = Colleague;
        }));

        var received = statusUpdates.Append(triage).Append(catalogueView).ToList();
        foreach (var activity in received)
        {
            var texts = ShownText.Of(activity.Activity).ToList();
            Assert.Contains(texts, t => t.Contains("licence expires", StringComparison.Ordinal));
            Assert.DoesNotContain(texts, IsMarkdownLink);
            Assert.DoesNotContain(texts, t => t.Contains("**urgent**", StringComparison.Ordinal));
        }

        Assert.Contains(ShownText.Of(statusUpdates[0].Activity), t => t.Contains("Comment", StringComparison.Ordinal)); // the decision comment reached the channel
    }

    [Theory]
    [InlineData("[a](https://x.example)", @"\[a\](https://x.example)")]
    [InlineData("**bold** _it_ `code` ~~gone~~", @"\*\*bold\*\* \_it\_ \`code\` \~\~gone\~\~")]
    [InlineData("# Heading\n- item\n+ item\n1. first\n  12) twelfth", "\\# Heading\n\\- item\n\\+ item\n1\\. first\n  12\\) twelfth")]
    [InlineData("<https://x.example> and a|b", @"\<https://x.example\> and a\|b")]
    [InlineData("3.5 % more - not a list, x-ray, C++", "3.5 % more - not a list, x-ray, C++")]
    [InlineData(@"a \ b", @"a \\ b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Plain_EscapesWhatMarkdownWouldFormat_AndLeavesOrdinaryPunctuation(string? text, string expected) =>
        Assert.Equal(expected, CardText.Plain(text));

    /// <summary>A Markdown link or autolink a CommonMark renderer would turn into an anchor: brackets and angle brackets not escaped.</summary>
    internal static bool IsMarkdownLink(string text) => ActiveLink().IsMatch(text) || ActiveAutolink().IsMatch(text);

    [GeneratedRegex(@"(?<!\\)\[[^\]]*(?<!\\)\]\(")]
    private static partial Regex ActiveLink();

    [GeneratedRegex(@"(?<!\\)<https?:")]
    private static partial Regex ActiveAutolink();

    private static JsonObject AsAdmin(JsonObject activity)
    {
        activity["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        return activity;
    }

}

/// <summary>The digest's unanswered questions, on a host of their own (an idea in the catalogue would answer them).</summary>
public sealed class UserQuestionTextInDigestTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Fact]
    public async Task UnansweredQuestion_WithAMarkdownLink_IsTextOnlyInTheDigest()
    {
        var channel = "19:markdown-digest-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(host.ChannelMessage("link After Sales", channel));
        for (var i = 0; i < 3; i++)
        {
            var asker = $"7a7a7a7a-1111-4222-8333-00000000000{i}";
            await host.AskAsync(host.Activity("personal-message.json", a =>
            {
                a["text"] = "Canteen voucher incident [Your Copilot licence expires – re-verify](https://evil.example/login)";
                a["from"]!["aadObjectId"] = asker;
                a["from"]!["id"] = "29:" + asker;
            }));
        }

        // A question is logged just after its answer went out.
        await Poll.UntilAsync(
            async () => await host.QueryStoreAsync(db => db.Questions.CountAsync(q => q.Question.StartsWith("Canteen voucher incident"))) >= 3,
            TimeSpan.FromSeconds(10),
            () => "the three questions to be logged");
        var digest = await host.AskAsync(host.ChannelMessage("digest preview", channel));
        var company = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "digest preview";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));

        // The channel's digest shows the topic as a label of knowledge-base words; the portfolio team's the question as asked.
        var texts = ShownText.Of(digest.Activity).ToList();
        Assert.True(texts.Any(t => t.Contains("(3 times)", StringComparison.Ordinal)), string.Join("\n", texts));
        Assert.DoesNotContain(texts, UserTextInCardsTests.IsMarkdownLink);
        Assert.DoesNotContain(texts, t => t.Contains("licence expires", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("evil.example", StringComparison.Ordinal) || t.Contains("re-verify", StringComparison.Ordinal));
        var asked = ShownText.Of(company.Activity).ToList();
        Assert.True(asked.Any(t => t.Contains("licence expires", StringComparison.Ordinal)), string.Join("\n", asked));
        Assert.DoesNotContain(asked, UserTextInCardsTests.IsMarkdownLink);
    }
}
