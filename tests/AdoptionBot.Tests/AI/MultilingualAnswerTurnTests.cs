using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.AI;

/// <summary>
/// With cloud embeddings (AI:EmbeddingDeployment, multilingual) a German question is not turned away: it is searched and
/// the model, told to answer in the question's language, writes the answer; its citations reach Teams.
/// </summary>
public sealed class MultilingualAnswerTurnTests(MultilingualAnswerTurnTests.Host host) : IClassFixture<MultilingualAnswerTurnTests.Host>
{
    private const string Question = "Darf ich Kundendaten in ChatGPT einfügen?";
    private const string German = "Nein. Kundendaten dürfen nicht in ChatGPT oder andere öffentliche KI-Werkzeuge eingefügt werden [1].";

    [Fact]
    public async Task GermanQuestion_IsAnsweredInGermanWithTeamsCitations_AndThePromptAsksForTheQuestionsLanguage()
    {
        var before = host.Model.Requests.Count;
        host.Model.Reply = request => request.Path.EndsWith("/embeddings", StringComparison.Ordinal) ? ModelReply.Text("") : ModelReply.Text(German);

        var reply = await host.Bot.AskAsync(host.Bot.Activity("personal-message.json", a => a["text"] = Question));

        var chat = Assert.Single(host.Model.Requests.Skip(before), r => r.Path.Contains("/chat/completions", StringComparison.Ordinal));
        Assert.Contains("Answer in the language of the question", chat.SystemMessage, StringComparison.Ordinal);
        Assert.Contains("<question>\n" + System.Net.WebUtility.HtmlEncode(Question) + "\n</question>", chat.UserMessage, StringComparison.Ordinal);
        Assert.Equal(German, reply.Text);
        var citation = Assert.Single(reply.Citations!)!;
        Assert.Equal(1, citation["position"]!.GetValue<int>());
        var record = await host.Bot.QueryStoreAsync(db => db.Questions.SingleAsync(q => q.AnswerId == reply.Id));
        Assert.Equal(AnswerOutcomes.Answered, record.Outcome);
    }

    public sealed class Host : ModelBotHost
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["AI:EmbeddingDeployment"] = "embed-multilingual";
            settings["AI:Streaming"] = "false";
            // The stand-in's vectors count shared words; a real multilingual model's similarities are what a deployment calibrates this floor on.
            settings["Questions:MinRelevance"] = "0";
        }
    }
}
