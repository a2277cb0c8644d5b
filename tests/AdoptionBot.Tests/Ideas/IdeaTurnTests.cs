using System.Net;
using System.Text.Json.Nodes;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Ideas;

/// <summary>The idea flow through /api/messages with real Teams activity JSON, as Teams and older clients send it.</summary>
public sealed class IdeaTurnTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Fact]
    public async Task NewIdea_SendsAFormWithAOneTimeFormId()
    {
        var card = await FormAsync();

        var submit = card["actions"]![0]!;
        Assert.Equal("Action.Execute", submit["type"]!.GetValue<string>());
        Assert.Equal("idea.submit", submit["verb"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(submit["data"]!["formId"]!.GetValue<string>()));
        var choices = Inputs(card).Single(i => i["id"]!.GetValue<string>() == "businessUnit")["choices"]!.AsArray();
        Assert.Contains(choices, c => c!["value"]!.GetValue<string>() == "Purchasing");
    }

    [Fact]
    public async Task SubmitInvoke_ReplacesTheFormWithAConfirmationAndStoresTheIdea()
    {
        var formId = FormId(await FormAsync());

        var (status, card) = await InvokeAsync(Submission(formId));

        Assert.Equal(HttpStatusCode.OK, status);
        var text = AllText(card);
        Assert.Matches(@"IDEA-\d{4}", text);
        Assert.Contains("Submitted", text, StringComparison.Ordinal);
        Assert.Contains("five working days", text, StringComparison.Ordinal);
        Assert.Contains("UC-102", text, StringComparison.Ordinal); // the supplier use case of the test catalogue is similar
        var stored = await host.QueryStoreAsync(db => db.Ideas.Include(i => i.History).SingleAsync(i => i.FormId == formId));
        Assert.Equal("submitted", stored.Status);
        Assert.Equal("Purchasing", stored.BusinessUnit);
        Assert.Single(stored.History);
    }

    [Fact]
    public async Task SameFormSubmittedTwice_OneIdeaAndTheSameConfirmation()
    {
        var formId = FormId(await FormAsync());

        var first = await InvokeAsync(Submission(formId));
        var second = await InvokeAsync(Submission(formId));

        Assert.Equal(IdeaId(first.Card), IdeaId(second.Card));
        Assert.Equal(1, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.FormId == formId)));
    }

    [Fact]
    public async Task InvalidSubmission_ReturnsTheFormWithTheValuesKeptAndAMessagePerProblem_StoresNothing()
    {
        var formId = FormId(await FormAsync());
        var ideasBefore = await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams));

        var (status, card) = await InvokeAsync(Submission(formId, data =>
        {
            data["title"] = "";
            data["businessUnit"] = "Space Travel";
            data["benefit"] = new string('b', 501);
        }));

        Assert.Equal(HttpStatusCode.OK, status);
        var inputs = Inputs(card);
        Assert.Equal("Buyers read 40-page supplier audit reports to find the three findings that matter.", inputs.Single(i => i["id"]!.GetValue<string>() == "problem")["value"]!.GetValue<string>());
        Assert.Equal(new string('b', 500), inputs.Single(i => i["id"]!.GetValue<string>() == "benefit")["value"]!.GetValue<string>());
        var text = AllText(card);
        Assert.Contains("Give the idea a short title", text, StringComparison.Ordinal);
        Assert.Contains("'Space Travel' is not one of the business units", text, StringComparison.Ordinal);
        Assert.Contains("At most 500 characters, please (now 501). Shortened to 500 characters", text, StringComparison.Ordinal);
        Assert.Equal(ideasBefore, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
    }

    [Fact]
    public async Task OversizedInvalidSubmission_AsActionSubmitMessage_GetsTheFormUnder28KBWithEachValueCutToItsLimit_No413()
    {
        var formId = FormId(await FormAsync());
        var problem = "Buyers read long audit reports. " + new string('p', 110_000);
        var solution = "A summariser 🚗 " + new string('s', 110_000);
        var message = host.Activity("card-submit-message.json", a =>
        {
            a["id"] = "oversized-" + Guid.NewGuid().ToString("N");
            a["value"]!["formId"] = formId;
            a["value"]!["problem"] = problem;
            a["value"]!["solution"] = solution;
        });
        var id = message["id"]!.GetValue<string>();
        var ideasBefore = await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams));

        using var response = await host.PostAsync(message);
        var reply = (await host.Connector.WaitForAsync(a => a.ReplyToId == id))[0];

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        Assert.All(host.Connector.Calls.Where(c => c.ConversationId == reply.ConversationId), c => Assert.Equal(HttpStatusCode.OK, c.Status));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(reply.Activity.ToJsonString()), 1, StandInConnector.MaxBodyBytes);
        var values = Inputs(Card(reply)).ToDictionary(i => i["id"]!.GetValue<string>(), i => i["value"]?.GetValue<string>());
        Assert.Equal(problem[..IdeaSubmission.MaxProblem], values["problem"]);
        Assert.Equal(solution[..IdeaSubmission.MaxSolution], values["solution"]);
        Assert.Equal("Summarise supplier audit reports", values["title"]);
        Assert.Equal("2 hours saved per audit", values["benefit"]);
        var text = AllText(Card(reply));
        Assert.Contains("At most 2,000 characters, please (now 110,032). Shortened to 2,000 characters", text, StringComparison.Ordinal);
        Assert.Contains("At most 2,000 characters, please (now 110,016). Shortened to 2,000 characters", text, StringComparison.Ordinal);
        Assert.Equal(ideasBefore, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
    }

    [Fact]
    public async Task ActionSubmitMessage_FromAClientWithoutUniversalActions_AlsoStoresTheIdea()
    {
        var formId = FormId(await FormAsync());
        var message = host.Activity("card-submit-message.json", a => a["value"]!["formId"] = formId);
        var id = message["id"]!.GetValue<string>();

        using var response = await host.PostAsync(message);
        var reply = (await host.Connector.WaitForAsync(a => a.ReplyToId == id))[0];

        Assert.True(response.IsSuccessStatusCode);
        Assert.Matches(@"IDEA-\d{4}", AllText(Card(reply)));
        Assert.Equal(1, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.FormId == formId)));
    }

    [Fact]
    public async Task UnknownFormId_IsToldToStartAgain_StoresNothing()
    {
        var (status, card) = await InvokeAsync(Submission("not-a-form-the-bot-issued"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("can't be used any more", AllText(card), StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.FormId == "not-a-form-the-bot-issued")));
    }

    [Theory]
    [InlineData("{\"type\":\"Action.Execute\",\"verb\":\"idea.launchRocket\",\"data\":{}}")]
    [InlineData("{\"type\":\"Action.Execute\",\"verb\":\"idea.submit\",\"data\":\"just text\"}")]
    [InlineData("{\"type\":\"Action.Execute\",\"verb\":\"idea.submit\",\"data\":{\"formId\":[1,2],\"title\":{\"a\":1},\"personalData\":42}}")]
    [InlineData("{\"type\":\"Action.Execute\",\"verb\":\"idea.setStatus\",\"data\":{\"ideaId\":{\"x\":1},\"status\":7,\"version\":\"v\"}}")]
    [InlineData("{\"type\":\"Action.Execute\",\"verb\":\"triage.page\",\"data\":{\"page\":-5}}")]
    [InlineData("{\"type\":\"Action.Execute\",\"verb\":42}")]
    public async Task TamperedCardAction_GetsAPlainAnswerNever500(string action)
    {
        var invoke = host.Activity("card-action-invoke.json", a => a["value"]!["action"] = JsonNode.Parse(action));

        using var response = await host.PostAsync(invoke);

        Assert.InRange((int)response.StatusCode, 200, 499);
    }

    [Fact]
    public async Task Triage_FromSomeoneOutsideThePortfolioTeam_IsRefused()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "triage"));

        Assert.Contains("Only the portfolio team", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStatus_ByPortfolioTeam_MovesTheIdeaAndRecordsWhoWhenFromToAndComment()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync())))).Card);

        var (_, card) = await InvokeAsync(StatusChange(ideaId, "assessment", version: 1, comment: "Strong case, assess data access"), admin: true);

        Assert.Contains($"{ideaId} moved from Submitted to Assessment", AllText(card), StringComparison.Ordinal);
        var number = Number(ideaId);
        var idea = await host.QueryStoreAsync(db => db.Ideas.Include(i => i.History).SingleAsync(i => i.Id == number));
        Assert.Equal("assessment", idea.Status);
        var change = idea.History.Single(h => h.ToStatus == "assessment");
        Assert.Equal("submitted", change.FromStatus);
        Assert.Equal("Strong case, assess data access", change.Comment);
        Assert.Equal(BotTestHost.AdminObjectId, change.ChangedByObjectId);
    }

    [Fact]
    public async Task SetStatus_BySomeoneOutsideThePortfolioTeam_IsRefusedAndNothingChanges()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync())))).Card);

        var (_, card) = await InvokeAsync(StatusChange(ideaId, "assessment", version: 1), admin: false);

        Assert.Contains("Only the portfolio team", AllText(card), StringComparison.Ordinal);
        Assert.Equal("submitted", await StatusOfAsync(ideaId));
    }

    [Fact]
    public async Task SetStatus_AsActionSubmitMessageFromSomeoneOutsideThePortfolioTeam_IsRefusedAndNothingChanges()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync())))).Card);
        var message = host.Activity("card-submit-message.json", a => a["value"] = StatusChange(ideaId, "assessment", version: 1)["data"]!.DeepClone());

        var reply = await host.AskAsync(message);

        Assert.Contains("Only the portfolio team", AllText(Card(reply)), StringComparison.Ordinal);
        Assert.Equal("submitted", await StatusOfAsync(ideaId));
    }

    [Fact]
    public async Task TriagePage_FromSomeoneOutsideThePortfolioTeam_IsRefusedWithoutListingIdeas()
    {
        await InvokeAsync(Submission(FormId(await FormAsync())));

        var (_, card) = await InvokeAsync(new JsonObject { ["type"] = "Action.Execute", ["verb"] = "triage.page", ["data"] = new JsonObject { ["verb"] = "triage.page", ["page"] = 0 } });

        Assert.Contains("Only the portfolio team", AllText(card), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"IDEA-\d{4}", AllText(card));
        Assert.Empty(AdminActions(card));
    }

    [Fact]
    public async Task IdeaPage_ShowsStatusButtonsToThePortfolioTeamOnly()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync())))).Card);

        var employee = Card(await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "idea " + ideaId)));
        var member = Card(await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "idea " + ideaId;
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        })));

        Assert.Contains(ideaId, AllText(employee), StringComparison.Ordinal);
        Assert.Empty(AdminActions(employee));
        Assert.Contains(AdminActions(member), a => a["data"]!["status"]!.GetValue<string>() == "assessment" && a["data"]!["ideaId"]!.GetValue<string>() == ideaId);
    }

    [Fact]
    public async Task MyIdeas_OfSomeoneOutsideThePortfolioTeam_HaveNoStatusButtons()
    {
        await InvokeAsync(Submission(FormId(await FormAsync())));

        var card = Card(await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "my ideas")));

        Assert.Matches(@"IDEA-\d{4}", AllText(card));
        Assert.Empty(AdminActions(card));
    }

    [Fact]
    public async Task SetStatus_SkippingAStage_IsRefusedWithAPlainMessage()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync())))).Card);

        var (_, card) = await InvokeAsync(StatusChange(ideaId, "pilot", version: 1), admin: true);

        Assert.Contains("cannot move to Pilot", AllText(card), StringComparison.Ordinal);
        Assert.Equal("submitted", await StatusOfAsync(ideaId));
    }

    [Fact]
    public async Task SetStatus_UnknownIdea_IsToldSo()
    {
        var (_, card) = await InvokeAsync(StatusChange("IDEA-9999", "assessment", version: 1), admin: true);

        Assert.Contains("IDEA-9999 does not exist", AllText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoAdminsDecidingFromTheSameCard_TheSecondIsToldTheIdeaChanged_NoLostUpdate()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync())))).Card);

        await InvokeAsync(StatusChange(ideaId, "assessment", version: 1), admin: true);
        var (_, second) = await InvokeAsync(StatusChange(ideaId, "parked", version: 1, comment: "Park it"), admin: true);

        Assert.Contains("changed by someone else", AllText(second), StringComparison.Ordinal);
        Assert.Equal("assessment", await StatusOfAsync(ideaId));
    }

    [Fact]
    public async Task MyIdeasAndIdeaPage_ShowStatusAndHistory()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync())))).Card);
        await InvokeAsync(StatusChange(ideaId, "assessment", version: 1, comment: "Looks promising"), admin: true);

        var mine = Card(await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "my ideas")));
        var page = Card(await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = $"idea {ideaId}")));

        Assert.Contains($"{ideaId}", AllText(mine), StringComparison.Ordinal);
        Assert.Contains("Assessment", AllText(mine), StringComparison.Ordinal);
        Assert.Contains("Submitted → Assessment", AllText(page), StringComparison.Ordinal);
        Assert.Contains("Looks promising", AllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdeaAtProofOfConcept_IsFoundByQuestionsWithACitationToTheIdea()
    {
        var ideaId = IdeaId((await InvokeAsync(Submission(FormId(await FormAsync()), d =>
        {
            d["title"] = "Paint defect photo classifier";
            d["problem"] = "Inspectors sort thousands of paint defect photos by hand every shift.";
            d["businessUnit"] = "After Sales";
        }))).Card);
        await InvokeAsync(StatusChange(ideaId, "assessment", version: 1), admin: true);
        await InvokeAsync(StatusChange(ideaId, "poc", version: 2), admin: true);

        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "Is anyone working on classifying paint defect photos?"));

        Assert.Contains(reply.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>().StartsWith(ideaId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotCoveredAnswer_OffersSubmitAsIdea_WhichOpensTheFormWithTheQuestion()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "What is on the canteen menu today?"));
        var offer = Card(reply);
        var action = offer["actions"]![0]!;

        var (_, form) = await InvokeAsync(action.AsObject());

        Assert.Equal("idea.new", action["verb"]!.GetValue<string>());
        Assert.Equal("What is on the canteen menu today?", Inputs(form).Single(i => i["id"]!.GetValue<string>() == "problem")["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task MessageStartingWithIdeaButNoId_IsAnsweredAsAQuestion()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "idea for my team: can I paste customer data into ChatGPT?"));

        Assert.NotNull(reply.Citations);
        Assert.Contains("ChatGPT", reply.Text, StringComparison.Ordinal);
    }

    private async Task<JsonObject> FormAsync() =>
        Card(await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "new idea")));

    private async Task<(HttpStatusCode Status, JsonObject Card)> InvokeAsync(JsonObject action, bool admin = false)
    {
        var invoke = host.Activity("card-action-invoke.json", a =>
        {
            a["value"]!["action"] = action.DeepClone();
            if (admin)
            {
                a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
            }
        });
        using var response = await host.PostAsync(invoke);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        return (response.StatusCode, body["value"]!.AsObject());
    }

    private JsonObject Submission(string formId, Action<JsonObject>? change = null)
    {
        var action = JsonNode.Parse(File.ReadAllText(TestPaths.TestData("Activities", "card-action-invoke.json")))!["value"]!["action"]!.AsObject();
        action["data"]!["formId"] = formId;
        change?.Invoke(action["data"]!.AsObject());
        return action;
    }

    private static JsonObject StatusChange(string ideaId, string status, int version, string? comment = null)
    {
        var data = new JsonObject { ["verb"] = "idea.setStatus", ["ideaId"] = ideaId, ["status"] = status, ["version"] = version };
        if (comment is not null)
        {
            data["comment." + ideaId] = comment;
        }

        return new JsonObject { ["type"] = "Action.Execute", ["verb"] = "idea.setStatus", ["data"] = data };
    }

    private Task<string> StatusOfAsync(string ideaId)
    {
        var number = Number(ideaId);
        return host.QueryStoreAsync(db => db.Ideas.Where(i => i.Id == number).Select(i => i.Status).SingleAsync());
    }

    private static int Number(string ideaId) => int.Parse(ideaId[5..], System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Card(SentActivity activity) =>
        activity.Activity["attachments"]![0]!["content"]!.AsObject();

    private static string FormId(JsonObject card) => card["actions"]![0]!["data"]!["formId"]!.GetValue<string>();

    private static string IdeaId(JsonObject card) =>
        System.Text.RegularExpressions.Regex.Match(AllText(card), @"IDEA-\d{4}").Value;

    /// <summary>Buttons only the portfolio team may use: status changes and triage paging.</summary>
    private static List<JsonObject> AdminActions(JsonObject card) =>
        Walk(card).Where(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["verb"]?.GetValue<string>() is "idea.setStatus" or "triage.page").ToList();

    private static List<JsonObject> Inputs(JsonObject card) =>
        Walk(card).Where(n => n["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true).ToList();

    private static string AllText(JsonObject card) =>
        string.Join("\n", Walk(card).SelectMany(n => new[] { n["text"], n["title"], n["value"] }).OfType<JsonValue>().Select(v => v.ToString()));

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var child in obj.Select(p => p.Value).SelectMany(Walk))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(Walk))
                {
                    yield return child;
                }

                break;
        }
    }
}
