using System.Net;
using System.Text.RegularExpressions;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Questions;

public sealed partial class QuestionTurnTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Fact]
    public async Task CoveredQuestion_IsAnsweredWithTeamsCitationsMatchingTheMarkers()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json"));

        var markers = Marker().Matches(reply.Text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        var citations = reply.Citations!;
        var positions = citations.Select(c => c!["position"]!.GetValue<int>()).Order().ToList();
        Assert.NotEmpty(markers);
        Assert.Equal(markers, positions);
        Assert.Contains(citations, c => c!["appearance"]!["name"]!.GetValue<string>() == "Customer data and AI tools");
        Assert.Contains("ChatGPT", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Activity["channelData"]!["feedbackLoopEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CoveredQuestion_WithoutSourceBaseUrl_CitesTitleAndHeadingWithNoFileLink()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json"));

        Assert.DoesNotContain("file:", reply.Activity.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var appearances = reply.Citations!.Select(c => c!["appearance"]!.AsObject()).ToList();
        Assert.All(appearances, a => Assert.False(a.ContainsKey("url")));
        Assert.Contains(appearances, a => a["name"]!.GetValue<string>() == "Customer data and AI tools"
            && a["keywords"]!.AsArray().Any(k => k!.GetValue<string>() == "Public chatbots"));
    }

    [Fact]
    public async Task UseCaseQuestion_CitesTheUseCaseWithItsIdAndStage()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "Is anyone already working on summarising warranty claims?"));

        Assert.Contains("UC-101", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Pilot", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>() == "UC-101 — Warranty claim summariser");
    }

    [Fact]
    public async Task QuestionOutsideTheKnowledgeBase_SaysSoAndCitesNothing()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "What is on the canteen menu today?"));

        Assert.Contains("don't cover", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Citations);
        Assert.DoesNotContain(reply.Activity["entities"]?.AsArray() ?? [], e => e!["type"]?.GetValue<string>() == "https://schema.org/Message");
        Assert.DoesNotMatch(Marker(), reply.Text);
    }

    [Fact]
    public async Task GermanQuestion_WithTheEnglishOnlyEmbeddedModel_IsToldInGermanWithTheSameNextSteps()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "Darf ich Kundendaten in ChatGPT einfügen?"));

        Assert.Contains("Diese Installation beantwortet Fragen auf Englisch", reply.Text, StringComparison.Ordinal);
        Assert.Contains("**new idea**", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Citations);
        // The same next steps as an English question the knowledge base does not cover: an idea, or the GenAI team.
        var offers = reply.Activity["attachments"]!.AsArray().Select(o => o!.ToJsonString()).ToList();
        Assert.Equal(2, offers.Count);
        Assert.Contains(offers, o => o.Contains("idea.new", StringComparison.Ordinal));
        Assert.Contains(offers, o => o.Contains("expert.askform", StringComparison.Ordinal));
        var record = await host.QueryStoreAsync(db => db.Questions.SingleAsync(q => q.AnswerId == reply.Id));
        Assert.Equal(AnswerOutcomes.OtherLanguage, record.Outcome);
    }

    [Fact]
    public async Task AnsweredQuestion_IsRecordedWithOutcomeSourcesAndTheAnswerId()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json"));

        var record = await host.QueryStoreAsync(db => db.Questions.SingleAsync(q => q.AnswerId == reply.Id));
        Assert.Equal(AnswerOutcomes.Answered, record.Outcome);
        Assert.Contains("guidelines/customer-data.md", record.Sources, StringComparison.Ordinal);
        Assert.Equal("Can I paste customer data into ChatGPT?", record.Question);
        Assert.NotNull(record.AskerHash);
        Assert.DoesNotContain("5f2d6a3e", record.AskerHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackOnAnAnswer_IsStoredAgainstThatAnswer()
    {
        var answer = await host.AskAsync(host.Activity("personal-message.json"));
        var invoke = host.Activity("feedback-invoke.json", a => a["replyToId"] = answer.Id);

        using var response = await host.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feedback = await host.QueryStoreAsync(db => db.AnswerFeedback.SingleAsync(f => f.AnswerId == answer.Id));
        Assert.Equal("dislike", feedback.Reaction);
        Assert.Equal("The answer missed the rule about translation websites.", feedback.Text);
    }

    [Theory]
    [InlineData("{\"actionName\":\"feedback\",\"actionValue\":{\"reaction\":\"meh\"}}")]
    [InlineData("{\"actionName\":\"somethingElse\",\"actionValue\":{\"reaction\":\"like\"}}")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    public async Task MalformedFeedback_Returns400AndStoresNothing(string value)
    {
        var replyTo = "malformed-" + Guid.NewGuid().ToString("N");
        var invoke = host.Activity("feedback-invoke.json", a =>
        {
            a["replyToId"] = replyTo;
            a["value"] = System.Text.Json.Nodes.JsonNode.Parse(value);
        });

        using var response = await host.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await host.QueryStoreAsync(db => db.AnswerFeedback.CountAsync(f => f.AnswerId == replyTo)));
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
