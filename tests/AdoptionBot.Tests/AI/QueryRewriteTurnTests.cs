using System.Text.Json.Nodes;
using AdoptionBot.AI;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.AI;

/// <summary>
/// With a language model, a follow-up is turned into a search query by the model before retrieval, through
/// /api/messages against the stand-in model; a model that does not answer in time leaves the typed words.
/// </summary>
public sealed class QueryRewriteTurnTests(QueryRewriteTurnTests.Host host) : IClassFixture<QueryRewriteTurnTests.Host>
{
    private const string Earlier = "Is anyone already working on summarising warranty claims?";
    private const string FollowUp = "who do I contact about it?";

    [Fact]
    public async Task FollowUp_TheModelsQueryIsSearched_AndTheAnswerIsWrittenForTheTypedQuestion()
    {
        var conversation = "a:rewrite-" + Guid.NewGuid().ToString("N");
        host.Model.Reply = StandInModel.CitingEveryPassage;
        await host.Bot.AskAsync(Message(Earlier, conversation));
        var before = host.Model.Requests.Count;
        host.Model.Reply = request => IsRewrite(request)
            ? ModelReply.Text("\"how fast to report an AI incident to the security operations centre\"")
            : StandInModel.CitingEveryPassage(request);

        var reply = await host.Bot.AskAsync(Message(FollowUp, conversation));

        var requests = host.Model.Requests.Skip(before).ToList();
        var rewrite = Assert.Single(requests, IsRewrite);
        Assert.Contains("<earlier>\n" + Earlier + "\n</earlier>", rewrite.UserMessage, StringComparison.Ordinal);
        Assert.Contains("<message>\n" + FollowUp + "\n</message>", rewrite.UserMessage, StringComparison.Ordinal);
        var answer = Assert.Single(requests, r => !IsRewrite(r));
        Assert.Contains(FollowUp, answer.UserMessage, StringComparison.Ordinal);
        // The passages are the rewritten query's (the incident guideline), not the earlier question's use case.
        Assert.Contains("security operations centre", answer.UserMessage, StringComparison.Ordinal);
        Assert.Contains(reply.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>().Contains("incident", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task FollowUp_TheModelDoesNotRewriteInTime_TheTypedWordsAreSearchedAndAnswered()
    {
        var conversation = "a:rewrite-hang-" + Guid.NewGuid().ToString("N");
        host.Model.Reply = StandInModel.CitingEveryPassage;
        await host.Bot.AskAsync(Message(Earlier, conversation));
        var before = host.Model.Requests.Count;
        host.Model.Reply = request => IsRewrite(request) ? ModelReply.Hanging() : StandInModel.CitingEveryPassage(request);

        var reply = await host.Bot.AskAsync(Message(FollowUp, conversation));

        var requests = host.Model.Requests.Skip(before).ToList();
        Assert.Single(requests, IsRewrite);
        var answer = Assert.Single(requests, r => !IsRewrite(r));
        Assert.Contains("Warranty claim summariser", answer.UserMessage, StringComparison.Ordinal);
        Assert.Contains(reply.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>() == "UC-101 — Warranty claim summariser");
    }

    [Fact]
    public async Task QuestionOfItsOwn_IsSearchedAsTyped_WithoutAskingTheModelToRewriteIt()
    {
        var before = host.Model.Requests.Count;
        host.Model.Reply = StandInModel.CitingEveryPassage;

        await host.Bot.AskAsync(host.Bot.Activity("personal-message.json", a => a["text"] = "How fast must I report an AI incident?"));

        Assert.DoesNotContain(host.Model.Requests.Skip(before), IsRewrite);
    }

    [Theory]
    [InlineData("\"incident reporting deadline\"", "incident reporting deadline")]
    [InlineData("incident reporting deadline\nBecause the employee asked…", "incident reporting deadline")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Clean_ModelReply_FirstLineUnquotedOrNothing(string? reply, string? query) =>
        Assert.Equal(query, ModelQueryRewriter.Clean(reply));

    private static bool IsRewrite(ModelRequest request) => request.SystemMessage.StartsWith("You turn an employee's message", StringComparison.Ordinal);

    private JsonObject Message(string text, string conversationId) => host.Bot.Activity("personal-message.json", a =>
    {
        a["text"] = text;
        a["conversation"]!["id"] = conversationId;
    });

    public sealed class Host : ModelBotHost
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["AI:RewriteTimeoutSeconds"] = "1";
            settings["AI:Streaming"] = "false";
        }
    }
}
