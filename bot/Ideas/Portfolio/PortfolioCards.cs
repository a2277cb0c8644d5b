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
    public const string BoardDecideVerb = "board.decide";
    public const string SignOffVerb = "board.signoff";
    public const string RegisterPageVerb = "register.page";
    public const string ReviveVerb = "portfolio.revive";
    public const string DetailsFormVerb = "portfolio.details.form";
    public const string DetailsVerb = "portfolio.details";

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
                Choices = [.. PortfolioService.DataAvailabilityChoices.Select(c => new Choice(c.Title, c.Value))],
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

    /// <summary>The buttons on a use case's page that open the details, assessment and screening forms.</summary>
    public static IEnumerable<CardAction> WorkActions(Idea idea)
    {
        yield return new ExecuteAction(DetailsFormVerb) { Title = "Edit details", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = DetailsFormVerb, ["ideaId"] = Idea.FormatId(idea.Id) } };
        yield return new ExecuteAction(AssessFormVerb) { Title = "Assess", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = AssessFormVerb, ["ideaId"] = Idea.FormatId(idea.Id) } };
        yield return new ExecuteAction(ScreenFormVerb) { Title = "AI Act screening", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = ScreenFormVerb, ["ideaId"] = Idea.FormatId(idea.Id) } };
    }

    /// <summary>What the owner hears when the board declines or defers a move (an approval arrives as the move's status card).</summary>
    public static AdaptiveCard BoardDecisionNotice(Idea idea, string what, string? comment)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"The portfolio board on your idea {idea.DisplayId}") { Weight = "bolder", Size = "medium" },
            new TextBlock($"{idea.DisplayId} {CardText.Plain(idea.Title)}") { Weight = "bolder", Spacing = "small" },
            new TextBlock(what + "."),
        };
        if (comment is not null)
        {
            body.Add(new TextBlock("“" + CardText.Plain(comment) + "”") { IsSubtle = true });
        }

        body.Add(new TextBlock($"Type **idea {idea.DisplayId}** to see its history.") { IsSubtle = true, Size = "small" });
        return new AdaptiveCard { Body = body };
    }

    /// <summary>The next meeting's agenda: each move with its use case, why the board decides, Legal's sign-off, and the decision buttons.</summary>
    public static AdaptiveCard Agenda(BoardAgenda agenda, string? notice)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"Portfolio board, {agenda.Meeting.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}") { Weight = "bolder", Size = "medium" },
            new TextBlock($"Papers due {agenda.PapersDue.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}. {agenda.Items.Count} {(agenda.Items.Count == 1 ? "move waits" : "moves wait")} for a decision.") { Spacing = "small" },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "attention", Weight = "bolder" });
        }

        foreach (var (item, idea) in agenda.Items.Take(MaxAgendaItems))
        {
            var highRisk = idea.AiActClass == AiActClasses.HighRisk;
            var facts = new List<Fact>
            {
                new("Move", $"{PipelineStages.DisplayName(idea.Status)} → {PipelineStages.DisplayName(item.ToStage)}"),
                new("Why the board", CardText.Plain(item.Reason)),
                new("Unit", CardText.Plain(idea.BusinessUnit)),
                new("Score", idea.Score is { } score ? $"{score} of 25" : "not assessed"),
                new("EU AI Act", idea.AiActClass is null ? "not screened" : AiActClasses.DisplayName(idea.AiActClass)),
            };
            if (idea.BudgetRequested is { } budget)
            {
                facts.Add(new Fact("Budget requested", string.Create(CultureInfo.InvariantCulture, $"EUR {budget:N0}")));
            }

            if (highRisk)
            {
                facts.Add(new Fact("Legal sign-off", item.LegalSignOffAtUtc is { } at ? $"{CardText.Plain(item.LegalSignOffByName ?? "")}, {at.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}" : "not yet: needed before approval"));
            }

            if (item.MeetingDate < agenda.Meeting)
            {
                facts.Add(new Fact("Open since", item.MeetingDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)));
            }

            body.Add(new Container
            {
                Separator = true,
                Spacing = "medium",
                Items =
                [
                    new TextBlock($"{idea.DisplayId} {CardText.Plain(TextCut.Excerpt(idea.Title, 120))}") { Weight = "bolder" },
                    new FactSet { Facts = facts },
                    new InputText { Id = BoardCommentId(item.Id), Label = $"The board's comment on {idea.DisplayId} (sent to its owner)", MaxLength = PortfolioLimits.Rationale },
                    new ActionSet
                    {
                        Actions =
                        [
                            Decide(item, BoardDecisions.Approved, "Approve", "positive"),
                            Decide(item, BoardDecisions.Deferred, "Defer to the next meeting", null),
                            Decide(item, BoardDecisions.Declined, "Decline", "destructive"),
                        ],
                    },
                ],
            });
        }

        if (agenda.Items.Count > MaxAgendaItems)
        {
            body.Add(new TextBlock($"And {agenda.Items.Count - MaxAgendaItems} more; decide these first.") { IsSubtle = true });
        }

        if (agenda.Items.Count == 0)
        {
            body.Add(new TextBlock("Nothing waits for the board. A move the board decides is put here when the portfolio office asks for it."));
        }

        return new AdaptiveCard { Body = body };
    }

    private const int MaxAgendaItems = 10;

    public static string BoardCommentId(long itemId) => "boardComment." + itemId.ToString(CultureInfo.InvariantCulture);

    private static ExecuteAction Decide(BoardItem item, string decision, string title, string? style) => new(BoardDecideVerb)
    {
        Title = title,
        Style = style,
        Data = new JsonObject { ["verb"] = BoardDecideVerb, ["itemId"] = item.Id, ["decision"] = decision, ["version"] = item.Version },
    };

    /// <summary>Legal's list: the high-risk moves waiting for their sign-off.</summary>
    public static AdaptiveCard LegalReview(IReadOnlyList<AgendaItem> items, string? notice)
    {
        var body = new List<CardElement> { new TextBlock("High-risk use cases waiting for Legal's sign-off") { Weight = "bolder", Size = "medium" } };
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "attention", Weight = "bolder" });
        }

        foreach (var (item, idea) in items.Take(MaxAgendaItems))
        {
            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock($"{idea.DisplayId} {CardText.Plain(TextCut.Excerpt(idea.Title, 120))}") { Weight = "bolder" },
                    new TextBlock($"{CardText.Plain(idea.AiActReason ?? "")} · move to {PipelineStages.DisplayName(item.ToStage)} · board of {item.MeetingDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}") { Size = "small", Spacing = "none" },
                    new ActionSet { Actions = [new ExecuteAction(SignOffVerb) { Title = "Sign off", Data = new JsonObject { ["verb"] = SignOffVerb, ["itemId"] = item.Id } }] },
                ],
            });
        }

        if (items.Count == 0)
        {
            body.Add(new TextBlock("Nothing waits for a sign-off."));
        }

        return new AdaptiveCard { Body = body };
    }

    /// <summary>One page of the AI use-case register: counts by class, then each use case with class, reason, role, owner and stage.</summary>
    public static AdaptiveCard RegisterCard(RegisterPage register)
    {
        int Count(string key) => register.ByClass.GetValueOrDefault(key);
        var body = new List<CardElement>
        {
            new TextBlock($"AI use-case register: {register.Total} use cases") { Weight = "bolder", Size = "medium" },
            new TextBlock($"{Count(AiActClasses.Prohibited)} prohibited · {Count(AiActClasses.HighRisk)} high-risk · {Count(AiActClasses.Limited)} limited · {Count(AiActClasses.Minimal)} minimal · {Count(Register.NotScreened)} not screened") { Spacing = "small" },
            new TextBlock("Screened by the portfolio office and confirmed by Legal; the export (**portfolio export**) has every field.") { IsSubtle = true, Size = "small" },
        };
        foreach (var (idea, role) in register.Rows)
        {
            var owner = idea.OwnerName ?? idea.SubmitterName;
            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock($"{idea.DisplayId} {CardText.Plain(TextCut.Excerpt(idea.Title, 100))}") { Weight = "bolder" },
                    new TextBlock($"{AiActClasses.DisplayName(idea.AiActClass)}{(idea.AiActReason is null ? "" : ": " + CardText.Plain(TextCut.Excerpt(idea.AiActReason, 200)))}") { Spacing = "none", Size = "small" },
                    new TextBlock($"{(role is null ? "role not screened" : role)} · owner {CardText.Plain(TextCut.Excerpt(owner, 60))} · {PipelineStages.DisplayName(idea.Status)} · {CardText.Plain(TextCut.Excerpt(idea.BusinessUnit, 60))}") { Spacing = "none", Size = "small", IsSubtle = true },
                ],
            });
        }

        var pages = Math.Max(1, (int)Math.Ceiling(register.Total / (double)register.PageSize));
        var actions = new List<CardAction>();
        if (register.Page > 0)
        {
            actions.Add(new ExecuteAction(RegisterPageVerb) { Title = "Previous", Data = new JsonObject { ["verb"] = RegisterPageVerb, ["page"] = register.Page - 1 } });
        }

        if (register.Page + 1 < pages)
        {
            actions.Add(new ExecuteAction(RegisterPageVerb) { Title = "Next", Data = new JsonObject { ["verb"] = RegisterPageVerb, ["page"] = register.Page + 1 } });
        }

        body.Add(new TextBlock($"Page {Math.Min(register.Page + 1, pages)} of {pages}") { IsSubtle = true, Size = "small" });
        return new AdaptiveCard { Body = body, Actions = actions.Count > 0 ? actions : null };
    }

    /// <summary>The flag of a late first answer, to the programme contact or the portfolio team.</summary>
    public static AdaptiveCard FirstAnswerLate(Idea idea, DateOnly due, bool toTeam) => new()
    {
        Body =
        [
            new TextBlock($"First answer overdue: {idea.DisplayId}") { Weight = "bolder", Size = "medium", Color = "attention" },
            new TextBlock($"{idea.DisplayId} {CardText.Plain(TextCut.Excerpt(idea.Title, 120))}") { Weight = "bolder", Spacing = "small" },
            new TextBlock($"Submitted by {CardText.Plain(idea.SubmitterName)} on {idea.CreatedAtUtc.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}; its first answer was due by {due.ToString("dddd d MMM", CultureInfo.InvariantCulture)}.{(toTeam ? " Its programme contact has not answered either, or it has none." : " You are its programme contact.")}"),
            new TextBlock("Type **triage** to accept it, ask for more information, merge it or decline it.") { IsSubtle = true, Size = "small" },
        ],
    };

    /// <summary>The owner's button on a parked use case: ask the portfolio office to revive it with a new assessment.</summary>
    public static ExecuteAction ReviveRequest(Idea idea) => new(ReviveVerb)
    {
        Title = "Ask to revive it",
        Data = new JsonObject { ["verb"] = ReviveVerb, ["ideaId"] = Idea.FormatId(idea.Id) },
    };

    /// <summary>What the portfolio team gets: a parked use case due for review, or its owner's request to revive it.</summary>
    public static AdaptiveCard ParkedNotice(Idea idea, string headline, string detail) => new()
    {
        Body =
        [
            new TextBlock(headline) { Weight = "bolder", Size = "medium" },
            new TextBlock($"{idea.DisplayId} {CardText.Plain(TextCut.Excerpt(idea.Title, 120))}") { Weight = "bolder", Spacing = "small" },
            new TextBlock($"Parked since {idea.StageEnteredAtUtc.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}: {CardText.Plain(TextCut.Excerpt(idea.ParkedReason ?? "no reason recorded", 300))}"),
            new TextBlock(detail) { IsSubtle = true, Size = "small" },
        ],
        Actions =
        [
            new ExecuteAction(IdeaCards.SetStatusVerb)
            {
                Title = "Resume into assessment",
                Data = new JsonObject { ["verb"] = IdeaCards.SetStatusVerb, ["ideaId"] = Idea.FormatId(idea.Id), ["status"] = PipelineStages.Assessment, ["version"] = idea.Version },
            },
        ],
    };

    /// <summary>What an import would change (with the button that does it) or has changed.</summary>
    public static AdaptiveCard ImportResult(ImportPlan plan, string fileName, bool applied, string downloadUrl)
    {
        var added = plan.Changes.Count(c => c.IsNew);
        var changed = plan.Changes.Count - added;
        var body = new List<CardElement>
        {
            new TextBlock(applied ? $"Imported {CardText.Plain(fileName)}" : $"What importing {CardText.Plain(fileName)} would change") { Weight = "bolder", Size = "medium" },
            new TextBlock($"{plan.Rows} rows: {added} new use cases, {changed} changed, {plan.Refused.Count} refused, the rest unchanged.{(applied ? "" : " Nothing has changed yet.")}"),
        };
        foreach (var change in plan.Changes.Take(MaxListed))
        {
            body.Add(new TextBlock(change.IsNew ? $"➕ {CardText.Plain(change.Id)} (row {change.Row}): new" : $"✏️ {CardText.Plain(change.Id)} (row {change.Row}): {string.Join(", ", change.Fields)}") { Size = "small", Spacing = "none" });
        }

        if (plan.Changes.Count > MaxListed)
        {
            body.Add(new TextBlock($"… and {plan.Changes.Count - MaxListed} more.") { Size = "small", IsSubtle = true });
        }

        if (plan.Refused.Count > 0)
        {
            body.Add(new TextBlock("Refused (not imported):") { Weight = "bolder", Color = "attention" });
            foreach (var refusal in plan.Refused.Take(MaxListed))
            {
                body.Add(new TextBlock(CardText.Plain(TextCut.Excerpt(refusal, 300))) { Size = "small", Spacing = "none" });
            }
        }

        body.Add(new TextBlock("An import changes the fields of use cases and adds new ones; stages, AI Act classes and scores change only through the gates, the screening and the assessment.") { IsSubtle = true, Size = "small" });
        var canApply = !applied && plan.Changes.Count > 0;
        return new AdaptiveCard
        {
            Body = body,
            Actions = canApply
                ? [new ExecuteAction(PortfolioImportFlow.ApplyVerb) { Title = $"Apply these {plan.Changes.Count} changes", Style = "positive", Data = new JsonObject { ["verb"] = PortfolioImportFlow.ApplyVerb, ["downloadUrl"] = downloadUrl, ["name"] = fileName, ["hash"] = plan.ContentHash } }]
                : null,
        };
    }

    private const int MaxListed = 25;

    /// <summary>The portfolio fields of a use case the team keeps up to date: owner, contacts, budgets, partner, links, realised benefit.</summary>
    public static AdaptiveCard DetailsForm(Idea idea, string? notice = null, IReadOnlyDictionary<string, string>? typed = null)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"Details of {idea.DisplayId}") { Weight = "bolder", Size = "medium" },
            new TextBlock(CardText.Plain(idea.Title)) { Spacing = "small" },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "attention" });
        }

        foreach (var field in PortfolioExchange.DetailFields)
        {
            var value = typed is not null && typed.TryGetValue(field, out var t) ? t : PortfolioExchange.ValueOf(idea, field);
            var max = field switch { "Report links" => 2000, "Benefit assumptions" or "Realised benefit" => 1000, _ => 200 };
            value = TextCut.Cut(value, max); // what was typed, as far as the field holds it
            body.Add(field switch
            {
                "Partner kind" => new InputChoiceSet { Id = DetailInputId(field), Label = field, Choices = [new("None", PortfolioExchange.NoPartner), .. PortfolioExchange.PartnerKinds.Select(k => new Choice(k, k))], Value = value.Length == 0 ? PortfolioExchange.NoPartner : value, Style = "compact" },
                "Personal data" => new InputChoiceSet { Id = DetailInputId(field), Label = "Personal or employee data", Choices = [new("No", "no"), new("Yes", "yes")], Value = value, Style = "compact" },
                "Benefit assumptions" or "Realised benefit" or "Report links" => new InputText { Id = DetailInputId(field), Label = field == "Report links" ? "Report links (https://…, one per line)" : field, Value = value, IsMultiline = true, MaxLength = max },
                _ => new InputText { Id = DetailInputId(field), Label = field, Value = value, MaxLength = max },
            });
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = [new ExecuteAction(DetailsVerb) { Title = "Save the details", Data = new JsonObject { ["verb"] = DetailsVerb, ["ideaId"] = Idea.FormatId(idea.Id), ["version"] = idea.Version } }],
        };
    }

    public static string DetailInputId(string field) => "detail." + new string([.. field.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
