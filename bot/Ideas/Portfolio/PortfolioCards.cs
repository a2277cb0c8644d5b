using System.Globalization;
using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>The portfolio office's cards: the first-answer question, the assessment and screening forms, a gate's checklist.</summary>
public static class PortfolioCards
{
    public const string AnswerVerb = "portfolio.answer";
    public const string AddInformationVerb = "portfolio.addinfo";
    public const string AssessFormVerb = "portfolio.assess.form";
    public const string AssessVerb = "portfolio.assess";
    public const string ScreenFormVerb = "portfolio.screen.form";
    public const string ScreenVerb = "portfolio.screen";
    public const string TickVerb = "portfolio.tick";

    public const string InformationInput = "information";

    /// <summary>What the submitter gets when the office needs more information: the question and a field to answer it.</summary>
    public static AdaptiveCard InformationRequest(Idea idea, string question, string askedBy) => new()
    {
        Body =
        [
            new TextBlock($"The portfolio office asks about your idea {idea.DisplayId}") { Weight = "bolder", Size = "medium" },
            new TextBlock($"{idea.DisplayId} {CardText.Plain(idea.Title)}") { Weight = "bolder", Spacing = "small" },
            new TextBlock($"{CardText.Plain(askedBy)} asks: “{CardText.Plain(question)}”"),
            new TextBlock("Your answer goes to the portfolio office with your idea. Until then, the five working days for its first answer are paused.") { IsSubtle = true, Size = "small" },
            new InputText { Id = InformationInput, Label = "Your answer", IsMultiline = true, MaxLength = PortfolioLimits.Rationale, IsRequired = true, ErrorMessage = "Write your answer first." },
        ],
        Actions = [new ExecuteAction(AddInformationVerb) { Title = "Send to the portfolio office", Data = new JsonObject { ["verb"] = AddInformationVerb, ["ideaId"] = Idea.FormatId(idea.Id) } }],
    };

    /// <summary>The first-answer buttons of a submitted idea on the triage card (accept and decline are the status buttons).</summary>
    public static IEnumerable<CardAction> FirstAnswerActions(Idea idea)
    {
        yield return Answer(idea, FirstAnswers.MoreInformation, "Ask for more information");
        yield return Answer(idea, FirstAnswers.Merged, "Merge into the use case named");
    }

    public static string MergeInputId(int ideaId) => "mergeInto." + Idea.FormatId(ideaId);

    /// <summary>The field beside the first answers of a submitted idea: which use case it would be merged into.</summary>
    public static InputText MergeInput(Idea idea) => new() { Id = MergeInputId(idea.Id), Label = $"Merge {idea.DisplayId} into (a use case in the catalogue, e.g. UC-101)", MaxLength = 40 };

    private static ExecuteAction Answer(Idea idea, string answer, string title) => new(AnswerVerb)
    {
        Title = title,
        Data = new JsonObject { ["verb"] = AnswerVerb, ["ideaId"] = Idea.FormatId(idea.Id), ["answer"] = answer, ["version"] = idea.Version },
    };

    /// <summary>A gate's checklist: what is met (by whom, when), what is open and who can tick it; the buttons only for those who may act.</summary>
    public static List<CardElement> Checklist(GateState gate, bool withTickButtons, int ideaId)
    {
        var items = new List<CardElement>
        {
            new TextBlock($"Gate to {PipelineStages.DisplayName(gate.Stage)}: {gate.Criteria.Count - gate.Missing.Count} of {gate.Criteria.Count} met; decided by {(gate.Decider == GateDeciders.Board ? "the portfolio board" : "the programme office")}{(gate.DeciderReason is null ? "" : $" ({gate.DeciderReason})")}")
            {
                Weight = "bolder",
                Separator = true,
            },
        };
        foreach (var criterion in gate.Criteria)
        {
            if (criterion.Met)
            {
                var by = criterion.Tick is { } tick ? $" — {CardText.Plain(tick.TickedByName)}, {tick.TickedAtUtc.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}{(tick.Link is null ? "" : $", {CardText.Plain(tick.Link)}")}" : " — checked by the bot";
                items.Add(new TextBlock($"✅ {criterion.Text}{by}") { Spacing = "small", Size = "small" });
                continue;
            }

            var who = criterion.TickedBy is null ? "the bot checks it once it is recorded" : "ticked by " + GateTickers.DisplayName(criterion.TickedBy);
            items.Add(new TextBlock($"⬜ {criterion.Text} — {who}") { Spacing = "small", Size = "small", Color = "attention" });
            if (withTickButtons && criterion.TickedBy is not null)
            {
                items.Add(new InputText { Id = LinkInputId(criterion.Id), Label = "Link to the evidence (optional, https://…)", MaxLength = PortfolioLimits.Link, Spacing = "none" });
                items.Add(new ActionSet
                {
                    Spacing = "none",
                    Actions =
                    [
                        new ExecuteAction(TickVerb)
                        {
                            Title = "Tick",
                            Data = new JsonObject { ["verb"] = TickVerb, ["ideaId"] = Idea.FormatId(ideaId), ["stage"] = gate.Stage, ["criterion"] = criterion.Id },
                        },
                    ],
                });
            }
        }

        if (gate.Prohibited)
        {
            items.Add(new TextBlock("⛔ The AI Act screening found a prohibited practice: this use case cannot move forward.") { Color = "attention", Weight = "bolder" });
        }

        return items;
    }

    public static string LinkInputId(string criterion) => "link." + criterion;

    /// <summary>The card a refused move gets: what is missing, each item with who can tick it.</summary>
    public static AdaptiveCard GateOpen(Idea idea, GateState gate, bool withTickButtons)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"{idea.DisplayId} cannot move to {PipelineStages.DisplayName(gate.Stage)} yet") { Weight = "bolder", Size = "medium" },
            new TextBlock($"{idea.DisplayId} {CardText.Plain(idea.Title)}") { Spacing = "small" },
            new TextBlock($"{gate.Missing.Count} entry {(gate.Missing.Count == 1 ? "criterion is" : "criteria are")} open. Nothing was changed.") { Spacing = "small" },
        };
        body.AddRange(Checklist(gate, withTickButtons, idea.Id));
        return new AdaptiveCard { Body = body };
    }

    /// <summary>The assessment sheet: value and feasibility 1–5 with rationale, data availability, the reuse check and success criteria.</summary>
    public static AdaptiveCard AssessmentForm(Idea idea, string? notice = null)
    {
        var scale = Enumerable.Range(1, 5).Select(i => new Choice(i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture))).ToList();
        var body = new List<CardElement>
        {
            new TextBlock($"Assessment of {idea.DisplayId}") { Weight = "bolder", Size = "medium" },
            new TextBlock(CardText.Plain(idea.Title)) { Spacing = "small" },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "attention" });
        }

        body.AddRange(
        [
            new InputChoiceSet { Id = "value", Label = "Value (1 low – 5 high)", Choices = scale, Style = "compact", IsRequired = true, ErrorMessage = "Choose a value." },
            new InputText { Id = "valueRationale", Label = "Why this value (time saved, quality, cost avoided, revenue; the assumptions)", IsMultiline = true, MaxLength = PortfolioLimits.Rationale, IsRequired = true, ErrorMessage = "Give the rationale." },
            new InputChoiceSet { Id = "feasibility", Label = "Feasibility (1 hard – 5 easy)", Choices = scale, Style = "compact", IsRequired = true, ErrorMessage = "Choose a feasibility." },
            new InputText { Id = "feasibilityRationale", Label = "Why this feasibility (is GenAI the right tool, data quality, effort)", IsMultiline = true, MaxLength = PortfolioLimits.Rationale, IsRequired = true, ErrorMessage = "Give the rationale." },
            new InputChoiceSet
            {
                Id = "dataAvailability",
                Label = "Are the data it needs available?",
                Choices = [new("Available", "available"), new("Partly available", "partly"), new("Missing", "missing")],
                Style = "expanded",
                IsRequired = true,
                ErrorMessage = "Choose one.",
            },
            new InputText { Id = "reuseCheck", Label = "Reuse check: can an existing use case, the company chat or a standard product solve it?", IsMultiline = true, MaxLength = PortfolioLimits.Rationale, IsRequired = true, ErrorMessage = "Say what the reuse check found." },
            new InputText { Id = "successCriteria", Label = "Measurable success criteria for the proof of concept", IsMultiline = true, MaxLength = PortfolioLimits.Rationale, IsRequired = true, ErrorMessage = "Give the success criteria." },
        ]);
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new ExecuteAction(AssessVerb) { Title = "Save the assessment", Data = new JsonObject { ["verb"] = AssessVerb, ["ideaId"] = Idea.FormatId(idea.Id) } }],
        };
    }

    /// <summary>The EU AI Act screening: Art. 5, Annex I, Annex III with Art. 6(3), Art. 50, the role. It says that it is not legal advice.</summary>
    public static AdaptiveCard ScreeningForm(Idea idea) => new()
    {
        Body =
        [
            new TextBlock($"EU AI Act screening of {idea.DisplayId}") { Weight = "bolder", Size = "medium" },
            new TextBlock(CardText.Plain(idea.Title)) { Spacing = "small" },
            new TextBlock("This screening is not legal advice: it records your answers and the class they point to, and Legal's AI Act desk confirms it.") { IsSubtle = true, Size = "small" },
            Choices("prohibited", "Does it do any of these? (Art. 5, prohibited practices)", AiActScreener.Prohibited),
            new InputToggle("It is a safety component of a product under EU product-safety law, or such a product (Annex I: vehicles, machinery, medical devices, toys, lifts, …)") { Id = "safetyComponent", Value = "false" },
            Choices("annexThree", "Is it used in any of these areas? (Annex III)", AiActScreener.AnnexThree),
            new InputToggle("It only performs a narrow procedural or preparatory task, or improves the result of a human activity, without replacing human assessment (Art. 6(3))") { Id = "narrowTask", Value = "false" },
            new InputToggle("It profiles people (evaluates personal aspects such as work performance, reliability or behaviour)") { Id = "profiling", Value = "false" },
            Choices("transparency", "Does it do any of these? (Art. 50, transparency)", AiActScreener.Transparency),
            new InputChoiceSet
            {
                Id = "role",
                Label = "The company's role",
                Choices = [.. AiActScreener.Roles.Select(r => new Choice(r.Title, r.Value))],
                Style = "expanded",
                IsRequired = true,
                ErrorMessage = "Choose provider or deployer.",
            },
        ],
        Actions = [new ExecuteAction(ScreenVerb) { Title = "Save the screening", Data = new JsonObject { ["verb"] = ScreenVerb, ["ideaId"] = Idea.FormatId(idea.Id) } }],
    };

    private static InputChoiceSet Choices(string id, string label, IReadOnlyList<ScreeningChoice> choices) => new()
    {
        Id = id,
        Label = label,
        Choices = [.. choices.Select(c => new Choice(c.Title, c.Value))],
        Style = "expanded",
        IsMultiSelect = true,
    };

    /// <summary>The buttons on a use case's page that open the assessment and screening forms.</summary>
    public static IEnumerable<CardAction> WorkActions(Idea idea)
    {
        yield return new ExecuteAction(AssessFormVerb) { Title = "Assess", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = AssessFormVerb, ["ideaId"] = Idea.FormatId(idea.Id) } };
        yield return new ExecuteAction(ScreenFormVerb) { Title = "AI Act screening", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = ScreenFormVerb, ["ideaId"] = Idea.FormatId(idea.Id) } };
    }
}
