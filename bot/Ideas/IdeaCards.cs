using System.Globalization;
using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;

namespace AdoptionBot.Ideas;

/// <summary>A similar use case or idea found for a new idea, as shown on the confirmation card.</summary>
public sealed record SimilarEntry(string Title, string Stage, string? Owner);

/// <summary>What became of an idea sent from a page: its id, or the fields' errors, or why the form can no longer be used.</summary>
public sealed record PageSubmission(string? DisplayId, bool AlreadySubmitted, IReadOnlyList<SimilarEntry> Similar, IReadOnlyDictionary<string, string> Errors, string? Refusal);

/// <summary>The cards of the idea flow: form, confirmation, my ideas, triage, idea page.</summary>
public static class IdeaCards
{
    public const string SubmitVerb = "idea.submit";
    public const string SetStatusVerb = "idea.setStatus";
    public const string NewIdeaVerb = "idea.new";
    public const string TriagePageVerb = "triage.page";
    private const int MaxHistoryShown = 15;
    private const int HistoryCommentExcerpt = 500;
    private const int CatalogueSummaryExcerpt = 500;

    /// <summary>Teams' 28 KB limit less room for the message or invoke response around the card.</summary>
    private const int CardBudgetBytes = CardSerializer.MaxCardBytes - 2048;

    /// <summary>How much of each idea triage shows, most first; a large page falls back until the card fits its budget.</summary>
    private static readonly (int Title, int Problem, bool Compact)[] TriageDetail =
    [
        (IdeaSubmission.MaxTitle, 280, false),
        (IdeaSubmission.MaxTitle, 140, false),
        (80, 60, true),
        (60, 0, true),
    ];

    /// <summary>
    /// The idea form, empty or refilled with what the user sent. A refilled value longer than its field's limit is
    /// shown cut to the limit, and the field says so: the form stays within Teams' size limit whatever was sent.
    /// </summary>
    public static AdaptiveCard Form(IdeaSubmission values, IReadOnlyList<string> businessUnits, IReadOnlyDictionary<string, string>? errors = null)
    {
        var notes = new Dictionary<string, string>(errors ?? new Dictionary<string, string>());
        var title = Echo(notes, "title", values.Title, IdeaSubmission.MaxTitle);
        var problem = Echo(notes, "problem", values.Problem, IdeaSubmission.MaxProblem);
        var solution = Echo(notes, "solution", values.Solution, IdeaSubmission.MaxSolution);
        var benefit = Echo(notes, "benefit", values.Benefit, IdeaSubmission.MaxBenefit);
        errors = notes;
        var body = new List<CardElement>
        {
            new TextBlock("Submit a GenAI use-case idea") { Size = "medium", Weight = "bolder" },
            new TextBlock("Fields marked * are required. The portfolio office reviews every idea.") { IsSubtle = true, Spacing = "small" },
        };
        if (errors.Count > 0)
        {
            body.Add(new TextBlock($"Please fix {(errors.Count == 1 ? "the field" : $"the {errors.Count} fields")} marked below; nothing was saved yet.") { Color = "attention", Weight = "bolder" });
        }

        AddInput(body, errors, new InputText { Id = "title", Label = "Title", IsRequired = true, MaxLength = IdeaSubmission.MaxTitle, Value = title, Placeholder = "A short name for the idea", ErrorMessage = "Give the idea a title (at most 120 characters)." });
        AddInput(body, errors, new InputText { Id = "problem", Label = "Problem to solve", IsRequired = true, IsMultiline = true, MaxLength = IdeaSubmission.MaxProblem, Value = problem, Placeholder = "What takes too long, goes wrong or costs too much today?", ErrorMessage = "Describe the problem (at most 2,000 characters)." });
        AddInput(body, errors, new InputText { Id = "solution", Label = "How GenAI could help", IsMultiline = true, MaxLength = IdeaSubmission.MaxSolution, Value = solution });
        if (businessUnits.Count > 0)
        {
            AddInput(body, errors, new InputChoiceSet
            {
                Id = "businessUnit",
                Label = "Business unit",
                IsRequired = true,
                Style = "compact",
                Placeholder = "Choose a business unit",
                Choices = businessUnits.Select(b => new Choice(b, b)).ToList(),
                Value = businessUnits.Contains(values.BusinessUnit) ? values.BusinessUnit : null,
                ErrorMessage = "Choose a business unit.",
            });
        }
        else
        {
            // A choice set without choices is an invalid card (the catalogue is still loading); the refilled form offers them.
            body.Add(new TextBlock("Business unit: the list is still loading. Submit the form and choose one when it appears.") { Color = "attention", Size = "small" });
        }
        AddInput(body, errors, new InputText { Id = "benefit", Label = "Expected benefit", MaxLength = IdeaSubmission.MaxBenefit, Value = benefit, Placeholder = "e.g. 6 minutes saved per claim, 2,000 claims a month" });
        AddInput(body, errors, new InputChoiceSet
        {
            Id = "dataClassification",
            Label = "Most sensitive data the idea would use",
            IsRequired = true,
            Style = "compact",
            Placeholder = "Choose a classification",
            Choices = IdeaSubmission.Classifications.Select(c => new Choice(c.Title, c.Value)).ToList(),
            Value = IdeaSubmission.Classifications.Any(c => c.Value == values.DataClassification) ? values.DataClassification : null,
            ErrorMessage = "Choose a data classification.",
        });
        AddInput(body, errors, new InputToggle("It would process personal data") { Id = "personalData", Label = "Personal data", Value = values.PersonalData ? "true" : "false" });

        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new ExecuteAction(SubmitVerb) { Title = "Submit idea", Style = "positive", AssociatedInputs = "auto", Data = new JsonObject { ["verb"] = SubmitVerb, ["formId"] = values.FormId } },
            ],
        };
    }

    public static AdaptiveCard Confirmation(Idea idea, string nextStep, IReadOnlyList<SimilarEntry> similar, bool alreadySubmitted)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"Thank you — your idea is {idea.DisplayId}") { Size = "medium", Weight = "bolder", Color = "good" },
            new FactSet
            {
                Facts =
                [
                    new Fact("Idea", $"{idea.DisplayId} {CardText.Plain(idea.Title)}"),
                    new Fact("Status", PipelineStages.DisplayName(idea.Status)),
                    new Fact("Business unit", CardText.Plain(idea.BusinessUnit)),
                    new Fact("Submitted", Date(idea.CreatedAtUtc)),
                ],
            },
            new TextBlock("What happens next: " + nextStep),
        };
        if (alreadySubmitted)
        {
            body.Add(new TextBlock("This form was already submitted; nothing was stored twice.") { IsSubtle = true, Size = "small" });
        }

        if (similar.Count > 0)
        {
            body.Add(new TextBlock("Similar use cases and ideas — worth a look before you start:") { Weight = "bolder", Separator = true });
            body.AddRange(similar.Select(s => new TextBlock($"{CardText.Plain(s.Title)} — {s.Stage}{(string.IsNullOrWhiteSpace(s.Owner) ? "" : ", owner " + CardText.Plain(s.Owner))}") { Spacing = "small" }));
        }
        else
        {
            body.Add(new TextBlock("No similar use case or idea was found in the catalogue.") { IsSubtle = true, Separator = true });
        }

        body.Add(new TextBlock($"Type **my ideas** to follow it, or **idea {idea.DisplayId}** for its history.") { IsSubtle = true, Size = "small" });
        return new AdaptiveCard { Body = body };
    }

    public static AdaptiveCard MyIdeas(IReadOnlyList<Idea> ideas)
    {
        var body = new List<CardElement> { new TextBlock("Your ideas") { Size = "medium", Weight = "bolder" } };
        if (ideas.Count == 0)
        {
            body.Add(new TextBlock("You haven't submitted an idea yet. Type **new idea** to submit one."));
            return new AdaptiveCard { Body = body };
        }

        body.Add(new FactSet
        {
            Facts = ideas.Select(i => new Fact($"{i.DisplayId}", $"{CardText.Plain(i.Title)} — {PipelineStages.DisplayName(i.Status)}, last change {Date(i.UpdatedAtUtc)}")).ToList(),
        });
        return new AdaptiveCard { Body = body };
    }

    /// <param name="promises">Per idea id, where its first answer stands ("answer due Fri 11 Dec"), shown beside its age.</param>
    public static AdaptiveCard Triage(IReadOnlyList<Idea> ideas, int page, int pageSize, int total, DateTime nowUtc, string? notice = null, IReadOnlyDictionary<int, string>? promises = null)
    {
        promises ??= new Dictionary<int, string>();
        foreach (var detail in TriageDetail[..^1])
        {
            var card = Triage(ideas, page, pageSize, total, nowUtc, notice, detail, promises);
            if (CardSerializer.SizeInBytes(card) <= CardBudgetBytes)
            {
                return card;
            }
        }

        return Triage(ideas, page, pageSize, total, nowUtc, notice, TriageDetail[^1], promises);
    }

    private static AdaptiveCard Triage(IReadOnlyList<Idea> ideas, int page, int pageSize, int total, DateTime nowUtc, string? notice, (int Title, int Problem, bool Compact) detail, IReadOnlyDictionary<int, string> promises)
    {
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        var body = new List<CardElement>
        {
            new TextBlock($"Triage: {total} open {(total == 1 ? "idea" : "ideas")}, oldest first") { Size = "medium", Weight = "bolder" },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "attention", Weight = "bolder" });
        }

        if (total == 0)
        {
            body.Add(new TextBlock("Nothing to triage. New ideas appear here when employees submit them."));
        }

        foreach (var idea in ideas)
        {
            var actions = idea.Status == PipelineStages.Submitted ? FirstAnswerActions(idea) : DecisionActions(idea);
            var items = new List<CardElement>
            {
                new TextBlock($"{idea.DisplayId} {CardText.Plain(Excerpt(idea.Title, detail.Title))}") { Weight = "bolder" },
                new TextBlock($"{PipelineStages.DisplayName(idea.Status)} · {CardText.Plain(Excerpt(idea.BusinessUnit, 60))} · {CardText.Plain(Excerpt(idea.SubmitterName, 60))} · waiting {Age(idea.UpdatedAtUtc, nowUtc)}{(promises.TryGetValue(idea.Id, out var promise) ? " · " + promise : "")}") { IsSubtle = true, Spacing = "none", Size = "small" },
            };
            if (detail.Problem > 0)
            {
                items.Add(new TextBlock(CardText.Plain(Excerpt(idea.Problem, detail.Problem))) { Spacing = "small" });
            }

            items.Add(detail.Compact
                ? new InputText { Id = CommentInputId(idea.Id), Label = $"Comment on {idea.DisplayId}", MaxLength = 1000 }
                : new InputText { Id = CommentInputId(idea.Id), Label = $"Comment on {idea.DisplayId} (sent with the decision)", MaxLength = 1000, Placeholder = "Why, and what happens next" });
            if (idea.Status == PipelineStages.Submitted)
            {
                items.Add(Portfolio.PortfolioCards.MergeInput(idea));
            }

            items.Add(new ActionSet { Actions = actions });
            body.Add(new Container { Separator = true, Spacing = "medium", Items = items });
        }

        var paging = new List<CardAction>();
        if (page > 0)
        {
            paging.Add(new ExecuteAction(TriagePageVerb) { Title = "Previous page", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = TriagePageVerb, ["page"] = page - 1 } });
        }

        if (page + 1 < pages)
        {
            paging.Add(new ExecuteAction(TriagePageVerb) { Title = "Next page", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = TriagePageVerb, ["page"] = page + 1 } });
        }

        if (total > 0)
        {
            body.Add(new TextBlock($"Page {page + 1} of {pages}") { IsSubtle = true, Size = "small", Separator = true });
        }

        return new AdaptiveCard { Body = body, Actions = paging.Count > 0 ? paging : null };
    }

    /// <param name="withDecisions">Adds the comment box and status buttons of triage: for the portfolio team only.</param>
    public static AdaptiveCard IdeaPage(Idea idea, bool withDecisions = false, IReadOnlyList<IdeaPagePart>? parts = null)
    {
        parts ??= [];
        var facts = new List<Fact>
        {
            new("Status", PipelineStages.DisplayName(idea.Status)),
            new("Business unit", CardText.Plain(idea.BusinessUnit)),
            new("Submitted by", $"{CardText.Plain(idea.SubmitterName)}, {Date(idea.CreatedAtUtc)}"),
            new("Data", $"{IdeaSubmission.Classifications.FirstOrDefault(c => c.Value == idea.DataClassification).Title ?? idea.DataClassification}{(idea.PersonalData ? ", with personal data" : "")}"),
        };
        if (!string.IsNullOrWhiteSpace(idea.Benefit))
        {
            facts.Add(new Fact("Expected benefit", CardText.Plain(idea.Benefit)));
        }

        var body = new List<CardElement>
        {
            Heading(idea),
            new FactSet { Facts = facts },
            new TextBlock("Problem") { Weight = "bolder" },
            new TextBlock(CardText.Plain(idea.Problem)) { Spacing = "small" },
        };
        if (!string.IsNullOrWhiteSpace(idea.Solution))
        {
            body.Add(new TextBlock("How GenAI could help") { Weight = "bolder" });
            body.Add(new TextBlock(CardText.Plain(idea.Solution)) { Spacing = "small" });
        }

        foreach (var part in parts)
        {
            body.AddRange(part.Body);
        }

        body.Add(new TextBlock("History") { Weight = "bolder", Separator = true });
        if (idea.History.Count > MaxHistoryShown)
        {
            body.Add(new TextBlock($"The latest {MaxHistoryShown} of {idea.History.Count} changes.") { IsSubtle = true, Size = "small", Spacing = "small" });
        }

        // Long histories would push the card over Teams' size limit: the latest changes, each comment shortened.
        body.Add(new FactSet
        {
            Facts = idea.History.TakeLast(MaxHistoryShown).Select(h => new Fact(Date(h.ChangedAtUtc), HistoryLine(h))).ToList(),
        });
        var decisions = withDecisions && !parts.Any(p => p.TakesOverDecisions) ? DecisionActions(idea) : [];
        if (decisions.Count > 0)
        {
            body.Add(new InputText { Id = CommentInputId(idea.Id), Label = $"Comment on {idea.DisplayId} (sent with the decision)", MaxLength = 1000, Separator = true });
        }

        // A section decides itself which of its buttons the viewer gets (the owner's "ask to revive", the team's "assess").
        var actions = decisions.Concat(parts.SelectMany(p => p.Actions)).ToList();
        return new AdaptiveCard { Body = body, Actions = actions.Count > 0 ? actions : null };
    }

    /// <summary>What everyone may see of an idea in the catalogue: what the catalogue search shows, nothing more.</summary>
    public static AdaptiveCard CatalogueView(Idea idea) => new()
    {
        Body =
        [
            Heading(idea),
            new FactSet
            {
                Facts =
                [
                    new("Stage", PipelineStages.DisplayName(idea.Status)),
                    new("Business unit", CardText.Plain(idea.BusinessUnit)),
                    new("Owner", CardText.Plain(idea.OwnerName ?? idea.SubmitterName)),
                    .. idea.Status == PipelineStages.Parked && !string.IsNullOrWhiteSpace(idea.ParkedReason) ? [new Fact("Parked because", CardText.Plain(Excerpt(idea.ParkedReason, HistoryCommentExcerpt)))] : Array.Empty<Fact>(),
                ],
            },
            new TextBlock(CardText.Plain(Excerpt(idea.Problem, CatalogueSummaryExcerpt))) { Spacing = "small" },
        ],
    };

    /// <summary>A small card under a "not covered" answer that opens the idea form with the question filled in.</summary>
    public static AdaptiveCard SubmitAsIdeaOffer(string question) => new()
    {
        Body = [new TextBlock("Think the company should have an answer or a tool for this?") { Wrap = true }],
        Actions =
        [
            new ExecuteAction(NewIdeaVerb) { Title = "Submit as idea", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = NewIdeaVerb, ["problem"] = Excerpt(question, IdeaSubmission.MaxProblem) } },
        ],
    };

    /// <summary>The guideline's four first answers to a submitted idea: accept, ask for more information, merge, decline.</summary>
    private static List<CardAction> FirstAnswerActions(Idea idea) =>
    [
        StatusAction(idea, PipelineStages.Assessment, "Accept for assessment", "positive"),
        .. Portfolio.PortfolioCards.FirstAnswerActions(idea),
        StatusAction(idea, PipelineStages.Rejected, "Decline", "destructive"),
    ];

    /// <summary>The status buttons the portfolio team gets for an idea: forward one stage, park, reject, as the pipeline allows.</summary>
    private static List<CardAction> DecisionActions(Idea idea)
    {
        var actions = new List<CardAction>();
        if (IdeaStatuses.NextOf(idea.Status) is { } next)
        {
            actions.Add(StatusAction(idea, next, $"Move to {PipelineStages.DisplayName(next)}", "positive"));
        }

        if (IdeaStatuses.CanMove(idea.Status, PipelineStages.Parked))
        {
            actions.Add(StatusAction(idea, PipelineStages.Parked, "Park", null));
        }

        if (IdeaStatuses.CanMove(idea.Status, PipelineStages.Rejected))
        {
            actions.Add(StatusAction(idea, PipelineStages.Rejected, "Reject", "destructive"));
        }

        return actions;
    }

    /// <summary>One line of the history: a move with its comment, or what else happened (an assessment, a tick, …) and its note.</summary>
    private static string HistoryLine(IdeaStatusChange h)
    {
        var what = h.Kind switch
        {
            IdeaHistoryKinds.Move when h.FromStatus is null => $"Submitted by {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.Move => $"{PipelineStages.DisplayName(h.FromStatus)} → {PipelineStages.DisplayName(h.ToStatus)} by {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.FirstAnswer => $"First answer by {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.Assessment => $"Assessed by {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.Screening => $"AI Act screening by {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.Tick => $"Ticked by {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.Board => $"Board, recorded by {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.Info => $"More information from {CardText.Plain(h.ChangedByName)}",
            IdeaHistoryKinds.Review => $"Review of the parked use case, by {CardText.Plain(h.ChangedByName)}",
            _ => $"Changed by {CardText.Plain(h.ChangedByName)}",
        };
        return string.IsNullOrWhiteSpace(h.Comment) ? what : $"{what}: {CardText.Plain(Excerpt(h.Comment, HistoryCommentExcerpt))}";
    }

    public static string CommentInputId(int ideaId) => "comment." + Idea.FormatId(ideaId);

    // associatedInputs stays at its default (auto), which sends the comments; spelled out on every button it cost 2 KB a full page.
    private static ExecuteAction StatusAction(Idea idea, string status, string title, string? style) => new(SetStatusVerb)
    {
        Title = title,
        Style = style,
        Data = new JsonObject { ["verb"] = SetStatusVerb, ["ideaId"] = Idea.FormatId(idea.Id), ["status"] = status, ["version"] = idea.Version },
    };

    /// <summary>
    /// <paramref name="value"/> as the form shows it again: whole when it fits <paramref name="max"/> (trimmed, as it
    /// would be stored), else its first <paramref name="max"/> characters, with a note under the field that it was cut.
    /// </summary>
    private static string Echo(Dictionary<string, string> notes, string field, string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var trimmed = value.Trim();
        if (trimmed.Length <= max)
        {
            return trimmed;
        }

        var note = string.Create(CultureInfo.InvariantCulture, $"Shortened to {max:N0} characters here: the text after that was not kept, so check the end before you submit again.");
        notes[field] = notes.TryGetValue(field, out var error) ? $"{error} {note}" : note;
        return TextCut.Cut(trimmed, max);
    }

    private static void AddInput(List<CardElement> body, IReadOnlyDictionary<string, string> errors, CardInput input)
    {
        body.Add(input);
        if (input.Id is not null && errors.TryGetValue(input.Id, out var error))
        {
            body.Add(new TextBlock(error) { Color = "attention", Size = "small", Spacing = "none" });
        }
    }

    /// <summary>An idea's id and title as the heading of its card.</summary>
    private static TextBlock Heading(Idea idea) => new($"{idea.DisplayId} {CardText.Plain(idea.Title)}") { Size = "medium", Weight = "bolder" };

    private static string Date(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Age(DateTime sinceUtc, DateTime nowUtc)
    {
        var days = (int)(nowUtc - sinceUtc).TotalDays;
        return days <= 0 ? "since today" : days == 1 ? "1 day" : $"{days} days";
    }

    private static string Excerpt(string text, int max) => TextCut.Excerpt(text, max);
}
