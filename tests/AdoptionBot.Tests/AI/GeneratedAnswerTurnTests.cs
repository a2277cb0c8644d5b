using System.Text.Json.Nodes;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.AI;

/// <summary>The real bot with AI:Provider AzureOpenAI against the stand-in model, through /api/messages.</summary>
public sealed class GeneratedAnswerTurnTests(GeneratedAnswerTurnTests.Host host) : IClassFixture<GeneratedAnswerTurnTests.Host>
{
    private const string AllowedLinkHost = "intranet.contoso.com";
    private const string Generated = "You must not paste customer data into ChatGPT or any other public AI tool; use the approved internal assistant instead [1].";

    [Fact]
    public async Task PersonalChat_StreamsAnInformativeUpdateThenTheTextThenTheFinalAnswerWithCitations()
    {
        host.Model.Reply = _ => ModelReply.Text(Generated) with { ChunkDelay = TimeSpan.FromMilliseconds(150) };
        var question = host.Bot.Activity("personal-message.json");

        var sent = await ExchangeAsync(question);

        var typing = sent.Where(a => a.Type == "typing").ToList();
        var final = Assert.Single(sent, a => a.Type == "message");
        Assert.Same(final, sent[^1]);
        var informative = StreamInfo(typing[0]);
        Assert.Equal("informative", informative["streamType"]!.GetValue<string>());
        Assert.Equal(1, informative["streamSequence"]!.GetValue<int>());
        Assert.Null(informative["streamId"]);
        var streamId = typing[0].Id;
        var updates = typing.Skip(1).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal("streaming", StreamInfo(u)["streamType"]!.GetValue<string>()));
        Assert.All(updates, u => Assert.Equal(streamId, StreamInfo(u)["streamId"]!.GetValue<string>()));
        Assert.All(updates, u => Assert.StartsWith(u.Text, Generated, StringComparison.Ordinal));
        var sequence = sent.Select(a => StreamInfo(a)["streamSequence"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, sent.Count), sequence);
        var end = StreamInfo(final);
        Assert.Equal("final", end["streamType"]!.GetValue<string>());
        Assert.Equal(streamId, end["streamId"]!.GetValue<string>());
        Assert.Equal(Generated, final.Text);
        Assert.Equal(1, Assert.Single(final.Citations!)!["position"]!.GetValue<int>());
        Assert.True(final.Activity["channelData"]!["feedbackLoopEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Channel_GetsOneMessageWithTheGeneratedTextAndTeamsCitations()
    {
        host.Model.Reply = _ => ModelReply.Text(Generated);
        var question = host.Bot.ChannelMessage("Can I paste customer data into ChatGPT?", "19:aiAnswers0001@thread.tacv2");

        var sent = await ExchangeAsync(question);

        var reply = Assert.Single(sent);
        Assert.Equal("message", reply.Type);
        Assert.Equal(Generated, reply.Text);
        Assert.DoesNotContain(reply.Activity["entities"]!.AsArray(), e => e!["type"]?.GetValue<string>() == "streaminfo");
        var citation = Assert.Single(reply.Citations!)!;
        Assert.Equal(1, citation["position"]!.GetValue<int>());
        Assert.Equal("Customer data and AI tools", citation["appearance"]!["name"]!.GetValue<string>());
        Assert.False(host.Model.Requests[^1].Streams);
    }

    [Fact]
    public async Task ModelThatFails_StillAnswersInThePersonalChatWithTheMarkedExtractedAnswer()
    {
        host.Model.Reply = _ => ModelReply.Fail(System.Net.HttpStatusCode.InternalServerError);

        var sent = await ExchangeAsync(host.Bot.Activity("personal-message.json"));

        var final = sent[^1];
        Assert.Equal("message", final.Type);
        Assert.EndsWith(AdoptionBot.AI.GeneratedAnswerComposer.FallbackNote, final.Text, StringComparison.Ordinal);
        Assert.Contains("ChatGPT", final.Text, StringComparison.Ordinal);
        Assert.NotEmpty(final.Citations!);
        Assert.Equal("final", StreamInfo(final)["streamType"]!.GetValue<string>());
    }

    [Fact]
    public async Task ModelSaysNotCovered_TheStreamEndsWithTheNotCoveredReplyAndTheIdeaOffer()
    {
        host.Model.Reply = _ => ModelReply.Text("NOT COVERED");

        var sent = await ExchangeAsync(host.Bot.Activity("personal-message.json"));

        var final = sent[^1];
        Assert.Contains("don't cover", final.Text, StringComparison.Ordinal);
        Assert.Null(final.Citations);
        Assert.NotEmpty(final.Activity["attachments"]!.AsArray());
        Assert.Equal("final", StreamInfo(final)["streamType"]!.GetValue<string>());
        Assert.DoesNotContain(sent, a => a.Type == "typing" && a.Text.Contains("NOT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModelWritesALinkToAnotherHost_NeitherTheStreamNorTheAnswerLinksThereButAnAllowedLinkStays()
    {
        const string Allowed = "[the intranet page](https://intranet.contoso.com/genai/customer-data)";
        host.Model.Reply = _ => ModelReply.Text($"Before pasting anything, [re-verify](https://evil.example/login) your account at https://evil.example/login; the rules are on {Allowed} [1].")
            with { ChunkDelay = TimeSpan.FromMilliseconds(150) };

        var sent = await ExchangeAsync(host.Bot.Activity("personal-message.json"));

        Assert.Contains(sent, a => a.Type == "typing" && a.Text.Contains("re-verify", StringComparison.Ordinal));
        Assert.All(sent, a => Assert.DoesNotContain("evil.example", a.Activity.ToJsonString(), StringComparison.OrdinalIgnoreCase));
        var final = sent[^1];
        Assert.Equal("message", final.Type);
        Assert.Contains("Before pasting anything, re-verify your account at https\\[:\\]//evil\\[.\\]example/login;", final.Text, StringComparison.Ordinal);
        Assert.Contains(Allowed + " [1].", final.Text, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(final.Citations!)!["position"]!.GetValue<int>());
    }

    /// <summary>Posts the question and returns everything the bot sent in reply, once the answer message has arrived.</summary>
    private async Task<IReadOnlyList<SentActivity>> ExchangeAsync(JsonObject question)
    {
        var id = question["id"]!.GetValue<string>();
        using var response = await host.Bot.PostAsync(question);
        response.EnsureSuccessStatusCode();
        await host.Bot.Connector.WaitForAsync(a => a.ReplyToId == id && a.Type == "message");
        return host.Bot.Connector.Sent.Where(a => a.ReplyToId == id).ToList();
    }

    private static JsonObject StreamInfo(SentActivity activity) =>
        (activity.Activity["entities"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => e["type"]?.GetValue<string>() == "streaminfo")
        ?? throw new Xunit.Sdk.XunitException($"The {activity.Type} activity carries no streaminfo entity.");

    public sealed class Host : ModelBotHost
    {
        protected override void Configure(Dictionary<string, string?> settings) => settings["Bot:AllowedLinkHosts:0"] = AllowedLinkHost;
    }
}
