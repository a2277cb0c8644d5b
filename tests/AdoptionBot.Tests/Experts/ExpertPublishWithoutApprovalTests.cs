using AdoptionBot.Experts;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Experts;

/// <summary>With Experts:PublishNeedsApproval off, an expert's FAQ entry is published and answers at once; nobody is asked to approve it.</summary>
public sealed class ExpertPublishWithoutApprovalTests
{
    [Fact]
    public async Task Publish_WithoutApproval_IsPublishedAtOnce_AndAnswersTheParaphrase()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Experts:PublishNeedsApproval"] = "false" });
        var loop = new ExpertLoopDriver(host);
        await loop.LinkExpertsChannelAsync();
        var ticketId = await loop.OpenTicketAsync(await loop.AskAsync("How many GPU hours per month does a team get on the internal AI platform?"));
        const string answer = "Every team gets 200 GPU hours per month on the internal AI platform; more through the AI platform request form.";
        await loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.AnswerVerb, ticketId, new Dictionary<string, string> { [ExpertCards.AnswerInput] = answer });

        var form = await loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.PublishFormVerb, ticketId);
        var published = await loop.PressAsExpertAndReadAsync(ExpertLoopDriver.Megan, ExpertCards.PublishVerb, ticketId, new Dictionary<string, string>
        {
            [ExpertCards.FaqQuestionInput] = "How many GPU hours does a team get on the internal AI platform?",
            [ExpertCards.FaqAnswerInput] = answer,
        });

        Assert.Contains("It is published at once.", form, StringComparison.Ordinal);
        Assert.Contains("is published", published, StringComparison.Ordinal);
        Assert.Equal(FaqStates.Published, (await host.QueryStoreAsync(db => db.FaqEntries.SingleAsync())).State);
        Assert.DoesNotContain(host.Connector.Sent, a => ShownText.Joined(a).Contains("an FAQ entry to approve", StringComparison.Ordinal));
        var again = await loop.AskAsync("What is the monthly GPU hour quota for a team on the internal AI platform?");
        Assert.Equal("FAQ — How many GPU hours does a team get on the internal AI platform?", again.Citations![0]!["appearance"]!["name"]!.GetValue<string>());
    }
}
