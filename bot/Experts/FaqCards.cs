using System.Globalization;
using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;

namespace AdoptionBot.Experts;

/// <summary>The FAQ entries' cards: the approval the portfolio team gets, the list <c>faqs</c> shows, the edit form.</summary>
public static class FaqCards
{
    public const string ApproveVerb = "faq.approve";
    public const string RejectVerb = "faq.reject";
    public const string EditFormVerb = "faq.editform";
    public const string EditVerb = "faq.edit";
    public const string RetireVerb = "faq.retire";

    private const int MaxListed = 15;

    /// <summary>For the portfolio team: an expert's proposed entry, to approve or reject.</summary>
    public static AdaptiveCard Approval(FaqEntry entry, string? notice = null) => new()
    {
        Body =
        [
            new TextBlock($"{entry.DisplayId}: an FAQ entry to approve") { Weight = "bolder", Size = "medium" },
            .. ExpertCards.NoticeBlock(notice),
            .. Entry(entry),
            new TextBlock(State(entry)) { Size = "small", IsSubtle = true },
        ],
        Actions = entry.State == FaqStates.Pending
            ? [Action(ApproveVerb, "Approve and publish", entry, "positive"), Action(EditFormVerb, "Edit", entry, null), Action(RejectVerb, "Reject", entry, "destructive")]
            : null,
    };

    /// <summary>The tenant's FAQ entries; for the portfolio team in their 1:1 chat with buttons to approve, edit or retire them.</summary>
    public static AdaptiveCard List(IReadOnlyList<FaqEntry> entries, bool manage, string? notice = null)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"FAQ entries written by the GenAI team: {entries.Count(e => e.State == FaqStates.Published)} published") { Weight = "bolder", Size = "medium" },
        };
        body.AddRange(ExpertCards.NoticeBlock(notice));
        foreach (var entry in entries.Take(MaxListed))
        {
            var items = new List<CardElement>(Entry(entry));
            if (manage)
            {
                items.Add(new TextBlock(State(entry)) { Size = "small", IsSubtle = true });
                var actions = new List<CardAction>();
                if (entry.State == FaqStates.Pending)
                {
                    actions.Add(Action(ApproveVerb, "Approve", entry, "positive"));
                }

                if (entry.State is FaqStates.Pending or FaqStates.Published)
                {
                    actions.Add(Action(EditFormVerb, "Edit", entry, null));
                    actions.Add(Action(RetireVerb, "Retire", entry, "destructive"));
                }

                if (actions.Count > 0)
                {
                    items.Add(new ActionSet { Actions = actions });
                }
            }

            body.Add(new Container { Separator = true, Items = items });
        }

        if (entries.Count == 0)
        {
            body.Add(new TextBlock("None yet. When an expert answers a question the knowledge base did not cover, they can publish it as an FAQ entry."));
        }
        else if (entries.Count > MaxListed)
        {
            body.Add(new TextBlock($"And {entries.Count - MaxListed} more.") { IsSubtle = true });
        }

        return new AdaptiveCard { Body = body };
    }

    public static AdaptiveCard EditForm(FaqEntry entry, string? notice = null, string? question = null, string? answer = null) => new()
    {
        Body =
        [
            new TextBlock($"Edit {entry.DisplayId}") { Weight = "bolder", Size = "medium" },
            .. ExpertCards.NoticeBlock(notice),
            new InputText { Id = ExpertCards.FaqQuestionInput, Label = "Question", Value = question ?? entry.Question, MaxLength = FaqEntry.MaxQuestion, IsRequired = true, ErrorMessage = "Write the question." },
            new InputText { Id = ExpertCards.FaqAnswerInput, Label = "Answer", Value = answer ?? entry.Answer, IsMultiline = true, MaxLength = ExpertTicket.MaxAnswer, IsRequired = true, ErrorMessage = "Write the answer." },
        ],
        Actions = [new ExecuteAction(EditVerb) { Title = "Save", Style = "positive", Data = new JsonObject { ["verb"] = EditVerb, ["faqId"] = entry.Id } }],
    };

    /// <summary>One entry after a step: what it is now.</summary>
    public static AdaptiveCard Result(FaqEntry entry, string? notice = null) => new()
    {
        Body =
        [
            new TextBlock(entry.State switch
            {
                FaqStates.Published => $"{entry.DisplayId} is published: the bot answers from it, citing “{CardText.Plain(TextCut.Excerpt(FaqKnowledge.Title(entry.Question), 120))}”.",
                FaqStates.Pending => $"{entry.DisplayId} waits for a portfolio-team member's approval.",
                FaqStates.Rejected => $"{entry.DisplayId} was rejected and is not published.",
                _ => $"{entry.DisplayId} is retired: the bot no longer answers from it.",
            }) { Weight = "bolder" },
            .. ExpertCards.NoticeBlock(notice),
            .. Entry(entry),
        ],
    };

    private static IEnumerable<CardElement> Entry(FaqEntry entry) =>
    [
        new TextBlock($"{entry.DisplayId} · {CardText.Plain(entry.Question)}") { Weight = "bolder" },
        new TextBlock(CardText.Plain(TextCut.Excerpt(entry.Answer, 600))) { Spacing = "none" },
        new TextBlock($"Answered by {CardText.Plain(entry.ExpertName)}, {entry.AnsweredAtUtc.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}") { Size = "small", IsSubtle = true, Spacing = "none" },
    ];

    private static string State(FaqEntry entry) => entry.State switch
    {
        FaqStates.Pending => $"Proposed by {CardText.Plain(entry.ProposedByName)} on {entry.ProposedAtUtc.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}; waits for approval.",
        FaqStates.Published => $"Published {entry.PublishedAtUtc?.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}{(entry.DecidedByName is { } by ? $", approved by {CardText.Plain(by)}" : "")}.",
        FaqStates.Rejected => $"Rejected by {CardText.Plain(entry.DecidedByName)}.",
        _ => $"Retired by {CardText.Plain(entry.DecidedByName)}.",
    };

    private static ExecuteAction Action(string verb, string title, FaqEntry entry, string? style) => new(verb)
    {
        Title = title,
        Style = style,
        AssociatedInputs = "none",
        Data = new JsonObject { ["verb"] = verb, ["faqId"] = entry.Id },
    };
}
