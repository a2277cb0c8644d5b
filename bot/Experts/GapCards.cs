using System.Globalization;
using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Questions;

namespace AdoptionBot.Experts;

/// <summary>The portfolio team's knowledge gaps: questions the bot could not answer and answers rated unhelpful, each one button away from the experts.</summary>
public static class GapCards
{
    public const string FormVerb = "gaps.form";
    public const string OpenVerb = "gaps.open";
    public const string QuestionInput = "gapQuestion";

    private const int MaxEach = 8;

    public static AdaptiveCard List(int days, IReadOnlyList<KnowledgeGap> unanswered, IReadOnlyList<LowRatedAnswer> lowRated)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"Knowledge gaps of the last {days} days") { Weight = "bolder", Size = "medium" },
            new TextBlock("Questions as employees asked them: for the portfolio team only. A ticket shows the experts the text you send, never who asked.") { Size = "small", IsSubtle = true },
            new TextBlock($"Not covered ({unanswered.Count})") { Weight = "bolder", Separator = true },
        };
        foreach (var gap in unanswered.Take(MaxEach))
        {
            body.Add(Row($"“{CardText.Plain(TextCut.Excerpt(gap.Question, 200))}” — asked {gap.Count} {(gap.Count == 1 ? "time" : "times")}", gap.Question));
        }

        if (unanswered.Count == 0)
        {
            body.Add(new TextBlock("None.") { IsSubtle = true });
        }

        body.Add(new TextBlock($"Rated unhelpful ({lowRated.Count})") { Weight = "bolder", Separator = true });
        foreach (var answer in lowRated.Take(MaxEach))
        {
            var reason = answer.Reason is { Length: > 0 } why ? $" — “{CardText.Plain(TextCut.Excerpt(why, 160))}”" : " — no reason given";
            body.Add(Row($"“{CardText.Plain(TextCut.Excerpt(answer.Question, 200))}”{reason} ({answer.RatedAtUtc.ToString("d MMM", CultureInfo.InvariantCulture)})", answer.Question));
        }

        if (lowRated.Count == 0)
        {
            body.Add(new TextBlock("None.") { IsSubtle = true });
        }

        return new AdaptiveCard { Body = body };
    }

    /// <summary>The question as the experts will see it, editable: a portfolio-team member may write it more generally first.</summary>
    public static AdaptiveCard Form(string question, string? notice = null) => new()
    {
        Body =
        [
            new TextBlock("Hand a knowledge gap to the GenAI experts") { Weight = "bolder", Size = "medium" },
            .. ExpertCards.NoticeBlock(notice),
            new InputText { Id = QuestionInput, Label = "The question the experts see (no names or details that point to who asked)", Value = TextCut.Cut(question, ExpertTicket.MaxQuestion), IsMultiline = true, MaxLength = ExpertTicket.MaxQuestion, IsRequired = true, ErrorMessage = "Write the question." },
        ],
        Actions = [new ExecuteAction(OpenVerb) { Title = "Open a ticket", Style = "positive", Data = new JsonObject { ["verb"] = OpenVerb, ["requestId"] = Guid.NewGuid().ToString("N") } }],
    };

    private static Container Row(string text, string question) => new()
    {
        Spacing = "small",
        Items =
        [
            new TextBlock(text) { Size = "small" },
            new ActionSet
            {
                Spacing = "none",
                Actions = [new ExecuteAction(FormVerb) { Title = "Open a ticket for the experts", AssociatedInputs = "none", Data = new JsonObject { ["verb"] = FormVerb, ["question"] = TextCut.Cut(question, ExpertTicket.MaxQuestion) } }],
            },
        ],
    };
}
