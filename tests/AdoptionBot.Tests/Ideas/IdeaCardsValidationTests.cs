using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Ideas;
using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Ideas;

/// <summary>Every card the idea flow sends is one Teams can show: the official renderer accepts it and it stays under 28 KB.</summary>
public sealed class IdeaCardsValidationTests
{
    private const int MaxTriagePageSize = 25;
    private const string FormId = "3f9c2a7e5b1d4c8fa0e6b2d9c4f1a8e7";
    private static readonly AdaptiveCardValidator Validator = AdaptiveCardValidator.Shared;

    [Fact]
    public async Task Form_Empty_IsValidForTeams()
    {
        var card = IdeaCards.Form(IdeaSubmission.Empty(FormId), IdeaSamples.BusinessUnits);

        await AssertValidAsync(card);
    }

    [Fact]
    public async Task Form_RefilledWithLongValuesAndAnErrorUnderEveryField_IsValidForTeams()
    {
        var card = IdeaCards.Form(LongSubmission(), IdeaSamples.BusinessUnits, ErrorForEveryField());

        await AssertValidAsync(card);
    }

    [Fact]
    public async Task Form_NoBusinessUnitsKnownYet_IsValidForTeamsAndKeepsWhatWasTyped()
    {
        var typed = LongSubmission();

        var card = IdeaCards.Form(typed, [], new Dictionary<string, string> { ["businessUnit"] = "Choose the business unit the idea is for." });

        await AssertValidAsync(card);
        var values = Inputs(Json(card)).ToDictionary(i => (string)i["id"]!, i => (string?)i["value"]);
        Assert.Equal(typed.Title, values["title"]);
        Assert.Equal(typed.Problem, values["problem"]);
        Assert.Equal(FormId, (string?)Json(card)["actions"]![0]!["data"]!["formId"]);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    public async Task Confirmation_SimilarEntriesAndAlreadySubmitted_IsValidForTeams(int similarCount, bool alreadySubmitted)
    {
        var idea = IdeaSamples.Idea(42, titleLength: IdeaSubmission.MaxTitle);
        var similar = Enumerable.Range(1, similarCount)
            .Select(i => new SimilarEntry($"UC-{i:D3} Damage report reader for motor claims, version {i}", "Pilot", i == 2 ? null : "Sophie Laurent"))
            .ToList();

        var card = IdeaCards.Confirmation(idea, "The portfolio office will answer within five working days.", similar, alreadySubmitted);

        await AssertValidAsync(card);
    }

    [Fact]
    public async Task MyIdeas_None_IsValidForTeams()
    {
        await AssertValidAsync(IdeaCards.MyIdeas([]));
    }

    [Fact]
    public async Task MyIdeas_TwentyIdeasWithLongTitles_IsValidForTeams()
    {
        var ideas = Enumerable.Range(1, 20)
            .Select(i => IdeaSamples.Idea(i, IdeaStatuses.All[i % IdeaStatuses.All.Count], titleLength: IdeaSubmission.MaxTitle))
            .ToList();

        await AssertValidAsync(IdeaCards.MyIdeas(ideas));
    }

    [Fact]
    public async Task Triage_NothingOpen_IsValidForTeams()
    {
        await AssertValidAsync(IdeaCards.Triage([], 0, 8, 0, IdeaSamples.Now));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(1, "IDEA-0031 was changed by someone else meanwhile; it is now in Pilot. Nothing was changed — check the list below and decide again.")]
    public async Task Triage_FullPageOf25IdeasWith2000CharacterProblems_IsValidForTeams(int page, string? notice)
    {
        var ideas = FullTriagePage(page);

        var card = IdeaCards.Triage(ideas, page, MaxTriagePageSize, 3 * MaxTriagePageSize, IdeaSamples.Now, notice);

        await AssertValidAsync(card);
    }

    [Fact]
    public async Task IdeaPage_ThirtyChangesWith1000CharacterComments_IsValidForTeams()
    {
        var idea = IdeaSamples.IdeaWithHistory(7, changes: 30, commentLength: 1000);

        await AssertValidAsync(IdeaCards.IdeaPage(idea));
    }

    [Fact]
    public async Task IdeaPage_JustSubmitted_IsValidForTeams()
    {
        var idea = IdeaSamples.Idea(1);
        idea.Solution = null;
        idea.Benefit = null;

        await AssertValidAsync(IdeaCards.IdeaPage(idea));
    }

    [Fact]
    public async Task SubmitAsIdeaOffer_4000CharacterQuestion_IsValidForTeams()
    {
        await AssertValidAsync(IdeaCards.SubmitAsIdeaOffer(IdeaSamples.Text(4000, "Can we use a model to read damage reports? ")));
    }

    [Fact]
    public async Task Notice_TitleAndText_IsValidForTeams()
    {
        var card = AdaptiveCard.Notice("This form can't be used any more", "It was not issued by me or has expired. Type **new idea** for a fresh form; copy your text from this one first.");

        await AssertValidAsync(card);
    }

    [Fact]
    public void Form_Inputs_HaveExactlyTheIdsTypesAndLimitsTheBotReads()
    {
        var card = Json(IdeaCards.Form(IdeaSubmission.Empty(FormId), IdeaSamples.BusinessUnits));

        var inputs = Inputs(card);

        Assert.Equal(["title", "problem", "solution", "businessUnit", "benefit", "dataClassification", "personalData"], inputs.Select(i => (string?)i["id"]));
        AssertInput(inputs[0], "Input.Text", required: true, maxLength: 120);
        AssertInput(inputs[1], "Input.Text", required: true, maxLength: 2000);
        AssertInput(inputs[2], "Input.Text", required: false, maxLength: 2000);
        AssertInput(inputs[3], "Input.ChoiceSet", required: true, maxLength: null);
        AssertInput(inputs[4], "Input.Text", required: false, maxLength: 500);
        AssertInput(inputs[5], "Input.ChoiceSet", required: true, maxLength: null);
        AssertInput(inputs[6], "Input.Toggle", required: false, maxLength: null);
    }

    [Fact]
    public void Form_Choices_AreTheBusinessUnitsPassedInAndTheFourClassifications()
    {
        var card = Json(IdeaCards.Form(IdeaSubmission.Empty(FormId), IdeaSamples.BusinessUnits));

        var inputs = Inputs(card).ToDictionary(i => (string)i["id"]!);

        Assert.Equal(IdeaSamples.BusinessUnits, ChoiceValues(inputs["businessUnit"]).Select(v => v ?? ""));
        Assert.Equal(IdeaSamples.BusinessUnits, inputs["businessUnit"]["choices"]!.AsArray().Select(c => (string?)c!["title"] ?? ""));
        Assert.Equal(["public", "internal", "confidential", "strictlyConfidential"], ChoiceValues(inputs["dataClassification"]));
        Assert.Equal("true", (string?)inputs["personalData"]["valueOn"]);
        Assert.Equal("false", (string?)inputs["personalData"]["valueOff"]);
    }

    [Fact]
    public void Form_EveryInput_HasALabel()
    {
        var card = Json(IdeaCards.Form(IdeaSubmission.Empty(FormId), IdeaSamples.BusinessUnits));

        Assert.All(Inputs(card), input => Assert.False(string.IsNullOrWhiteSpace((string?)input["label"]), $"{input["id"]} has no label"));
    }

    [Fact]
    public void Form_SubmitAction_IsExecuteWithSubmitVerbAndTheFormId()
    {
        var card = Json(IdeaCards.Form(IdeaSubmission.Empty(FormId), IdeaSamples.BusinessUnits));

        var action = Assert.Single(card["actions"]!.AsArray())!;

        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("idea.submit", (string?)action["verb"]);
        Assert.Equal("auto", (string?)action["associatedInputs"]);
        Assert.Equal(FormId, (string?)action["data"]!["formId"]);
        Assert.Equal("idea.submit", (string?)action["data"]!["verb"]);
    }

    [Fact]
    public void Form_Refilled_KeepsEveryValueTheUserTyped()
    {
        var typed = LongSubmission();

        var card = Json(IdeaCards.Form(typed, IdeaSamples.BusinessUnits, ErrorForEveryField()));

        var values = Inputs(card).ToDictionary(i => (string)i["id"]!, i => (string?)i["value"]);
        Assert.Equal(typed.Title, values["title"]);
        Assert.Equal(typed.Problem, values["problem"]);
        Assert.Equal(typed.Solution, values["solution"]);
        Assert.Equal(typed.BusinessUnit, values["businessUnit"]);
        Assert.Equal(typed.Benefit, values["benefit"]);
        Assert.Equal(typed.DataClassification, values["dataClassification"]);
        Assert.Equal("true", values["personalData"]);
        Assert.Equal(FormId, (string?)card["actions"]![0]!["data"]!["formId"]);
    }

    [Fact]
    public void Form_WithErrors_ShowsEachErrorRightUnderItsField()
    {
        var errors = ErrorForEveryField();

        var card = Json(IdeaCards.Form(LongSubmission(), IdeaSamples.BusinessUnits, errors));

        var body = card["body"]!.AsArray();
        foreach (var (field, message) in errors)
        {
            var index = body.Select(e => (string?)e!["id"]).ToList().IndexOf(field);
            Assert.True(index >= 0, $"no input {field}");
            Assert.Equal(message, (string?)body[index + 1]!["text"]);
            Assert.Equal("attention", (string?)body[index + 1]!["color"]);
        }
    }

    [Fact]
    public void Triage_StatusButtons_CarryVerbIdeaIdStatusAndVersion()
    {
        var idea = IdeaSamples.Idea(31, PipelineStages.Pilot, version: 4);

        var card = Json(IdeaCards.Triage([idea], 0, 8, 1, IdeaSamples.Now));

        var buttons = Descendants(card).Where(n => (string?)n["type"] == "Action.Execute" && (string?)n["verb"] == "idea.setStatus").ToList();
        Assert.Equal(["rollout", "parked", "rejected"], buttons.Select(b => (string?)b["data"]!["status"]));
        Assert.All(buttons, button =>
        {
            Assert.Equal("idea.setStatus", (string?)button["data"]!["verb"]);
            Assert.Equal("IDEA-0031", (string?)button["data"]!["ideaId"]);
            Assert.Equal(4, (int?)button["data"]!["version"]);
            Assert.NotEqual("none", (string?)button["associatedInputs"]);
        });
        var comment = Assert.Single(Inputs(card));
        Assert.Equal(IdeaCards.CommentInputId(31), (string?)comment["id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)comment["label"]));
    }

    [Theory]
    [InlineData(0, 1, false, false)]
    [InlineData(0, 3, false, true)]
    [InlineData(1, 3, true, true)]
    [InlineData(2, 3, true, false)]
    public void Triage_Page_OffersPreviousAndNextOnlyWhereThereIsAPage(int page, int pages, bool previous, bool next)
    {
        var pageSize = 8;
        var total = (pages * pageSize) - 3;
        var ideas = Enumerable.Range((page * pageSize) + 1, Math.Min(pageSize, total - (page * pageSize))).Select(i => IdeaSamples.Idea(i)).ToList();

        var card = Json(IdeaCards.Triage(ideas, page, pageSize, total, IdeaSamples.Now));

        var paging = card["actions"]?.AsArray().Where(a => (string?)a!["verb"] == "triage.page").ToList() ?? [];
        var targets = paging.ToDictionary(a => (string)a!["title"]!, a => (int)a!["data"]!["page"]!);
        Assert.Equal(previous, targets.ContainsKey("Previous page"));
        Assert.Equal(next, targets.ContainsKey("Next page"));
        if (previous)
        {
            Assert.Equal(page - 1, targets["Previous page"]);
        }

        if (next)
        {
            Assert.Equal(page + 1, targets["Next page"]);
        }

        Assert.All(paging, a => Assert.Equal("none", (string?)a!["associatedInputs"]));
        Assert.Contains(Descendants(card), n => (string?)n["text"] == $"Page {page + 1} of {pages}");
    }

    [Fact]
    public void SubmitAsIdeaOffer_LongQuestion_CarriesItCutToTheProblemLimit()
    {
        var question = IdeaSamples.Text(4000);

        var card = Json(IdeaCards.SubmitAsIdeaOffer(question));

        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("idea.new", (string?)action["verb"]);
        var problem = (string)action["data"]!["problem"]!;
        Assert.InRange(problem.Length, IdeaSubmission.MaxProblem - 10, IdeaSubmission.MaxProblem);
        Assert.StartsWith(question[..1900], problem, StringComparison.Ordinal);
        Assert.EndsWith("…", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Triage_DefaultPageSize_ShowsEachProblemUpTo280Characters()
    {
        var ideas = Enumerable.Range(1, 8).Select(i => IdeaSamples.Idea(i, problemLength: IdeaSubmission.MaxProblem, titleLength: IdeaSubmission.MaxTitle)).ToList();

        var card = Json(IdeaCards.Triage(ideas, 0, 8, 8, IdeaSamples.Now));

        var texts = Descendants(card).Select(n => (string?)n["text"]).ToList();
        Assert.All(ideas, idea =>
        {
            Assert.Contains($"{idea.DisplayId} {idea.Title}", texts);
            Assert.Contains(idea.Problem[..279].TrimEnd() + "…", texts);
        });
    }

    [Fact]
    public void SubmitAsIdeaOffer_EmojiWhereTheQuestionIsCut_NeverSplitsIt()
    {
        var question = new string('a', IdeaSubmission.MaxProblem - 2) + "🚗🚗🚗";

        var card = Json(IdeaCards.SubmitAsIdeaOffer(question));

        var problem = (string)card["actions"]![0]!["data"]!["problem"]!;
        Assert.DoesNotContain('\uFFFD', problem);
        Assert.EndsWith("a…", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Triage_EmojiWhereTheProblemIsCut_NeverSplitsIt()
    {
        var idea = IdeaSamples.Idea(5);
        idea.Problem = new string('a', 278) + "🚗" + IdeaSamples.Text(400);

        var card = Json(IdeaCards.Triage([idea], 0, 8, 1, IdeaSamples.Now));

        Assert.Contains(Descendants(card), n => (string?)n["text"] == new string('a', 278) + "…");
        Assert.DoesNotContain(Descendants(card), n => ((string?)n["text"])?.Contains('\uFFFD', StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Triage_FullPageOf25_StillOffersEveryIdeaWithItsCommentAndItsDecisions()
    {
        var ideas = FullTriagePage(0);

        var card = Json(IdeaCards.Triage(ideas, 0, MaxTriagePageSize, 3 * MaxTriagePageSize, IdeaSamples.Now));

        // A submitted idea gets the four first answers (accept and decline move it; more information and merge do not)
        // and the field naming the use case to merge into; an idea further on gets move, park and reject.
        Assert.Equal(
            ideas.SelectMany(i => i.Status == PipelineStages.Submitted ? [IdeaCards.CommentInputId(i.Id), PortfolioCards.MergeInputId(i.Id)] : new[] { IdeaCards.CommentInputId(i.Id) }),
            Inputs(card).Select(i => (string?)i["id"]));
        var decisions = Descendants(card).Where(n => (string?)n["type"] == "Action.Execute" && (string?)n["verb"] == "idea.setStatus").GroupBy(n => (string?)n["data"]!["ideaId"]).ToList();
        Assert.Equal(ideas.Select(i => i.DisplayId), decisions.Select(g => g.Key));
        Assert.All(decisions, g => Assert.Equal(ideas.Single(i => i.DisplayId == g.Key).Status == PipelineStages.Submitted ? 2 : 3, g.Count()));
        var answers = Descendants(card).Where(n => (string?)n["type"] == "Action.Execute" && (string?)n["verb"] == PortfolioCards.AnswerVerb).GroupBy(n => (string?)n["data"]!["ideaId"]).ToList();
        Assert.Equal(ideas.Where(i => i.Status == PipelineStages.Submitted).Select(i => i.DisplayId), answers.Select(g => g.Key));
        Assert.All(answers, g => Assert.Equal([FirstAnswers.MoreInformation, FirstAnswers.Merged], g.Select(a => (string?)a["data"]!["answer"])));
        var titles = Descendants(card).Select(n => (string?)n["text"]).Where(t => t?.StartsWith("IDEA-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(ideas.Count, titles.Count);
    }

    [Fact]
    public void IdeaPage_LongHistory_ShowsTheLatest15ChangesWithCommentsCutTo500Characters()
    {
        var idea = IdeaSamples.IdeaWithHistory(7, changes: 30, commentLength: 1000);

        var card = Json(IdeaCards.IdeaPage(idea));

        var history = card["body"]!.AsArray().Last()!["facts"]!.AsArray().Select(f => (string)f!["value"]!).ToList();
        Assert.Equal(15, history.Count);
        Assert.Contains(Descendants(card), n => (string?)n["text"] == "The latest 15 of 31 changes.");
        Assert.StartsWith("Parked → Assessment by", history[0], StringComparison.Ordinal);
        Assert.Contains("Decision 16: ", history[0], StringComparison.Ordinal);
        Assert.Contains("Decision 30: ", history[^1], StringComparison.Ordinal);
        Assert.All(history, h => Assert.EndsWith("…", h, StringComparison.Ordinal));
        Assert.All(history, h => Assert.True(h[(h.IndexOf(": ", StringComparison.Ordinal) + 2)..].Length <= 500, h));
    }

    [Fact]
    public void IdeaPage_ShortHistory_ShowsEveryChangeWithItsWholeComment()
    {
        var idea = IdeaSamples.IdeaWithHistory(7, changes: 3, commentLength: 200);

        var card = Json(IdeaCards.IdeaPage(idea));

        var history = card["body"]!.AsArray().Last()!["facts"]!.AsArray().Select(f => (string)f!["value"]!).ToList();
        Assert.Equal(4, history.Count);
        Assert.StartsWith("Submitted by", history[0], StringComparison.Ordinal);
        Assert.EndsWith(idea.History[3].Comment!, history[3], StringComparison.Ordinal);
        Assert.DoesNotContain(Descendants(card), n => ((string?)n["text"])?.StartsWith("The latest", StringComparison.Ordinal) == true);
    }

    private static async Task AssertValidAsync(AdaptiveCard card)
    {
        var json = CardSerializer.ToJson(card);
        await Validator.AssertValidAsync(json);
        Assert.True(CardSerializer.SizeInBytes(card) < CardSerializer.MaxCardBytes, $"{CardSerializer.SizeInBytes(card):N0} bytes");
    }

    private static List<Idea> FullTriagePage(int page)
    {
        var open = new[] { PipelineStages.Submitted, PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot };
        return Enumerable.Range((page * MaxTriagePageSize) + 1, MaxTriagePageSize)
            .Select(i => IdeaSamples.Idea(i, open[i % open.Length], problemLength: IdeaSubmission.MaxProblem, titleLength: IdeaSubmission.MaxTitle, version: 1 + (i % 5)))
            .ToList();
    }

    private static IdeaSubmission LongSubmission() => new(
        FormId,
        IdeaSamples.Text(IdeaSubmission.MaxTitle, "Claims intake assistant: "),
        IdeaSamples.Text(IdeaSubmission.MaxProblem),
        IdeaSamples.Text(IdeaSubmission.MaxSolution, "A model reads the report. "),
        "Legal & Compliance",
        IdeaSamples.Text(IdeaSubmission.MaxBenefit, "Eight minutes per claim. "),
        "strictlyConfidential",
        PersonalData: true);

    private static Dictionary<string, string> ErrorForEveryField() => new()
    {
        ["title"] = "At most 120 characters, please (now 131).",
        ["problem"] = "Describe the problem the idea solves.",
        ["solution"] = "At most 2,000 characters, please (now 2,417).",
        ["businessUnit"] = "'Legal and Compliance' is not one of the business units; choose one from the list.",
        ["benefit"] = "At most 500 characters, please (now 644).",
        ["dataClassification"] = "Choose the classification of the data the idea would use.",
        ["personalData"] = "Say whether the idea would process personal data.",
    };

    private static void AssertInput(JsonObject input, string type, bool required, int? maxLength)
    {
        Assert.Equal(type, (string?)input["type"]);
        Assert.Equal(required, (bool?)input["isRequired"] ?? false);
        Assert.Equal(maxLength, (int?)input["maxLength"]);
    }

    private static List<string?> ChoiceValues(JsonObject choiceSet) => choiceSet["choices"]!.AsArray().Select(c => (string?)c!["value"]).ToList();

    private static JsonObject Json(AdaptiveCard card) => JsonNode.Parse(CardSerializer.ToJson(card))!.AsObject();

    private static List<JsonObject> Inputs(JsonObject card) =>
        Descendants(card).Where(n => ((string?)n["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).ToList();

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Descendants).Prepend(obj),
        JsonArray array => array.SelectMany(Descendants),
        _ => [],
    };
}
