using System.Globalization;
using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;

namespace AdoptionBot.Experts;

/// <summary>The expert loop's cards: the asker's button and form, the experts' ticket card, the answer relayed back, the FAQ entries.</summary>
public static class ExpertCards
{
    public const string AskFormVerb = "expert.askform";
    public const string AskVerb = "expert.ask";
    public const string ViewVerb = "ticket.view";
    public const string TakeVerb = "ticket.take";
    public const string AnswerFormVerb = "ticket.answerform";
    public const string AnswerVerb = "ticket.answer";
    public const string CloseFormVerb = "ticket.closeform";
    public const string CloseVerb = "ticket.close";
    public const string PublishFormVerb = "ticket.publishform";
    public const string PublishVerb = "ticket.publish";
    public const string HelpedVerb = "ticket.helped";
    public const string UnclearVerb = "ticket.unclear";

    public const string ContextInput = "context";
    public const string ShowNameInput = "showName";
    public const string AnswerInput = "answer";
    public const string ReasonInput = "reason";
    public const string CommentInput = "comment";
    public const string FaqQuestionInput = "faqQuestion";
    public const string FaqAnswerInput = "faqAnswer";

    /// <summary>Under a "not covered" or an unhelpful answer: the button that hands the question to the experts.</summary>
    public static AdaptiveCard AskOffer(string question, string origin) => new()
    {
        Body = [new TextBlock(origin == TicketOrigins.Unhelpful ? "Not what you needed? The GenAI team can answer it." : "The GenAI team can answer this, and the answer comes back to you here.") { IsSubtle = true, Size = "small" }],
        Actions =
        [
            new ExecuteAction(AskFormVerb)
            {
                Title = "Ask the GenAI team",
                Data = new JsonObject { ["verb"] = AskFormVerb, ["question"] = TextCut.Cut(question, ExpertTicket.MaxQuestion), ["origin"] = origin },
            },
        ],
    };

    /// <summary>The small form: context, and whether the experts see the asker's name.</summary>
    public static AdaptiveCard AskForm(string question, string origin, string? notice = null) => new()
    {
        Body =
        [
            new TextBlock("Ask the GenAI team") { Weight = "bolder", Size = "medium" },
            .. NoticeBlock(notice),
            new TextBlock($"“{CardText.Plain(question)}”") { Spacing = "small" },
            new InputText { Id = ContextInput, Label = "Anything the experts should know (optional)", IsMultiline = true, MaxLength = ExpertTicket.MaxContext },
            new InputToggle("Show my name to the experts") { Id = ShowNameInput, Value = "true" },
            new TextBlock("The experts see your question, this context and what I answered. Without your name they don't see who asked; their answer still comes back to you here.") { IsSubtle = true, Size = "small" },
        ],
        Actions =
        [
            new ExecuteAction(AskVerb)
            {
                Title = "Send to the GenAI team",
                Style = "positive",
                Data = new JsonObject { ["verb"] = AskVerb, ["question"] = TextCut.Cut(question, ExpertTicket.MaxQuestion), ["origin"] = origin, ["requestId"] = Guid.NewGuid().ToString("N") },
            },
        ],
    };

    /// <summary>What the asker sees once the ticket is open.</summary>
    public static AdaptiveCard Asked(ExpertTicket ticket) => new()
    {
        Body =
        [
            new TextBlock($"Your question is with the GenAI team: {ticket.DisplayId}") { Weight = "bolder", Size = "medium" },
            new TextBlock($"“{CardText.Plain(ticket.Question)}”") { Spacing = "small" },
            new TextBlock(ticket.ShowName ? "The experts see your name. Their answer comes to this chat, with the ticket number." : "The experts don't see who asked. Their answer comes to this chat, with the ticket number."),
        ],
    };

    /// <summary>The experts' card: the question, the asker (or "anonymous"), the bot's attempt and sources, the state and what can be done next.</summary>
    public static AdaptiveCard ForExperts(ExpertTicket ticket, string? warning = null, string? reminder = null, string? notice = null, TicketActor? viewer = null, string? form = null)
    {
        var body = new List<CardElement>();
        var mentions = new List<CardMention>();
        if (reminder is not null)
        {
            var line = reminder;
            if (ticket.State == TicketStates.Taken && ticket.TakenByChannelUserId is { } takerId && Mentionable(ticket.TakenByName) is { Length: > 0 } takerName)
            {
                var tag = $"<at>{takerName}</at>";
                mentions.Add(new CardMention(tag, new MentionedUser(takerId, takerName)));
                line = $"{reminder} {tag}, you took it.";
            }

            body.Add(new TextBlock(line) { Color = "attention", Weight = "bolder" });
        }

        if (warning is not null)
        {
            body.Add(new TextBlock(warning) { Color = "warning", Size = "small" });
        }

        body.Add(new TextBlock($"{ticket.DisplayId} · {TicketStates.DisplayName(ticket.State)}") { Weight = "bolder", Size = "medium" });
        body.AddRange(NoticeBlock(notice));
        body.Add(new TextBlock($"“{CardText.Plain(ticket.Question)}”") { Spacing = "small" });
        if (ticket.Context is { Length: > 0 } context)
        {
            body.Add(new TextBlock($"Context: {CardText.Plain(context)}") { Size = "small" });
        }

        var facts = new List<Fact>
        {
            new("Asked by", CardText.Plain(ticket.AskerShown)),
            new("Asked", Time(ticket.CreatedAtUtc)),
            new("Why", ticket.Origin switch
            {
                TicketOrigins.Unhelpful => "the asker rated the bot's answer unhelpful",
                TicketOrigins.Gap => "a knowledge gap the portfolio team handed on",
                _ => "the knowledge base did not cover it",
            }),
            new("State", StateLine(ticket)),
        };
        body.Add(new FactSet { Facts = facts });
        body.Add(new TextBlock("What the bot answered") { Weight = "bolder", Size = "small", Separator = true });
        body.Add(new TextBlock(CardText.Plain(TextCut.Excerpt(ticket.AttemptedAnswer, 700))) { Size = "small", IsSubtle = true, Spacing = "none" });
        if (ticket.Sources.Length > 0)
        {
            body.Add(new TextBlock("Closest sources: " + CardText.Plain(string.Join(" · ", ticket.Sources.Split('\n')))) { Size = "small", IsSubtle = true });
        }

        if (ticket.AnswerText is { } answer)
        {
            body.Add(new TextBlock($"Answer by {CardText.Plain(ticket.AnsweredByName)}, {Time(ticket.AnsweredAtUtc ?? ticket.CreatedAtUtc)}") { Weight = "bolder", Size = "small", Separator = true });
            body.Add(new TextBlock(CardText.Plain(answer)) { Spacing = "none" });
        }

        if (ticket.History.Where(e => e.Kind == TicketEventKinds.Reopened).OrderByDescending(e => e.AtUtc).FirstOrDefault() is { } reopened && TicketStates.IsWaiting(ticket.State))
        {
            body.Add(new TextBlock($"Still unclear to the asker: “{CardText.Plain(reopened.Text)}”") { Color = "attention", Size = "small" });
        }

        var actions = new List<CardAction>();
        if (form == AnswerFormVerb && TicketStates.IsWaiting(ticket.State))
        {
            body.Add(new InputText { Id = AnswerInput, Label = "Your answer (the asker gets it with your name)", IsMultiline = true, IsRequired = true, ErrorMessage = "Write the answer first.", MaxLength = ExpertTicket.MaxAnswer, Separator = true });
            actions.Add(Execute(AnswerVerb, "Send the answer", ticket, "positive"));
        }
        else if (form == CloseFormVerb && ticket.State != TicketStates.Closed)
        {
            body.Add(new InputText { Id = ReasonInput, Label = "Why it is closed (the asker reads it)", IsMultiline = true, IsRequired = true, ErrorMessage = "Say why.", MaxLength = ExpertTicket.MaxReason, Separator = true });
            actions.Add(Execute(CloseVerb, "Close the ticket", ticket, "destructive"));
        }
        else
        {
            if (ticket.State == TicketStates.Open)
            {
                actions.Add(Execute(TakeVerb, "Take it", ticket, "positive"));
            }

            if (TicketStates.IsWaiting(ticket.State))
            {
                actions.Add(Execute(AnswerFormVerb, "Answer", ticket, null));
            }

            if (ticket.AnswerText is not null && ticket.FaqEntryId is null)
            {
                actions.Add(Execute(PublishFormVerb, "Publish as FAQ", ticket, null));
            }

            if (ticket.State != TicketStates.Closed)
            {
                actions.Add(Execute(CloseFormVerb, "Close with reason", ticket, null));
            }
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions.Count == 0 ? null : actions,
            Refresh = new CardRefresh(Execute(ViewVerb, "Refresh", ticket, null))
            {
                // The one who took it sees their view at once; in a channel of up to 60 people, everyone does.
                UserIds = ticket.State == TicketStates.Taken && ticket.TakenByChannelUserId is { } taker ? [taker] : null,
            },
            MsTeams = mentions.Count == 0 ? null : new TeamsCardProperties { Entities = mentions },
        };
    }

    /// <summary>The expert's answer, relayed to the asker's 1:1 chat, with the two buttons that close or reopen the ticket.</summary>
    public static AdaptiveCard AnswerForAsker(ExpertTicket ticket, string? notice = null) => new()
    {
        Body =
        [
            new TextBlock($"The GenAI team answered your question ({ticket.DisplayId})") { Weight = "bolder", Size = "medium" },
            .. NoticeBlock(notice),
            new TextBlock($"You asked: “{CardText.Plain(ticket.Question)}”") { Size = "small", IsSubtle = true },
            new TextBlock($"{CardText.Plain(ticket.AnsweredByName)} answers:") { Weight = "bolder", Spacing = "medium" },
            new TextBlock(CardText.Plain(ticket.AnswerText)) { Spacing = "none" },
            new InputText { Id = CommentInput, Label = "Still unclear? Say what is missing", IsMultiline = true, MaxLength = ExpertTicket.MaxContext },
        ],
        Actions =
        [
            new ExecuteAction(HelpedVerb) { Title = "That helped", Style = "positive", AssociatedInputs = "none", Data = AskerData(HelpedVerb, ticket) },
            new ExecuteAction(UnclearVerb) { Title = "Still unclear", Data = AskerData(UnclearVerb, ticket) },
        ],
    };

    /// <summary>What the asker sees after pressing one of the two buttons, or when an expert closed the ticket.</summary>
    public static AdaptiveCard ForAsker(ExpertTicket ticket, string? notice = null)
    {
        var line = ticket.State switch
        {
            TicketStates.Closed when ticket.ClosedHow == TicketClosings.Helped => $"Thanks: {ticket.DisplayId} is closed. The answer may become an FAQ entry, without your name.",
            TicketStates.Closed => $"{ticket.DisplayId} was closed by the GenAI team: {CardText.Plain(ticket.ClosedReason)}",
            TicketStates.Answered => $"{ticket.DisplayId} is answered.",
            _ => $"{ticket.DisplayId} is with the GenAI team again, with your comment. Their answer comes to this chat.",
        };
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock($"Your question {ticket.DisplayId}") { Weight = "bolder" },
                .. NoticeBlock(notice),
                new TextBlock($"“{CardText.Plain(ticket.Question)}”") { Size = "small", IsSubtle = true },
                new TextBlock(line),
            ],
        };
    }

    public static AdaptiveCard ClosedForAsker(ExpertTicket ticket, string expertName) => new()
    {
        Body =
        [
            new TextBlock($"Your question {ticket.DisplayId} was closed") { Weight = "bolder" },
            new TextBlock($"“{CardText.Plain(ticket.Question)}”") { Size = "small", IsSubtle = true },
            new TextBlock($"{CardText.Plain(expertName)} of the GenAI team closed it: {CardText.Plain(ticket.ClosedReason)}"),
        ],
    };

    /// <summary>The expert's form for an FAQ entry: the question written as a general question, and the answer.</summary>
    public static AdaptiveCard PublishForm(ExpertTicket ticket, bool needsApproval, string? notice = null, string? question = null, string? answer = null) => new()
    {
        Body =
        [
            new TextBlock($"Publish {ticket.DisplayId} as an FAQ entry") { Weight = "bolder", Size = "medium" },
            .. NoticeBlock(notice),
            new TextBlock("Write the question as anyone could ask it: never the asker's name or details that point to them. The entry is indexed like a guideline and cited as “FAQ — question” with your name and the date.") { Size = "small", IsSubtle = true },
            new InputText { Id = FaqQuestionInput, Label = "Question", Value = question ?? TextCut.Cut(ticket.Question, FaqEntry.MaxQuestion), MaxLength = FaqEntry.MaxQuestion, IsRequired = true, ErrorMessage = "Write the question." },
            new InputText { Id = FaqAnswerInput, Label = "Answer", Value = answer ?? ticket.AnswerText, IsMultiline = true, MaxLength = ExpertTicket.MaxAnswer, IsRequired = true, ErrorMessage = "Write the answer." },
            new TextBlock(needsApproval ? "A portfolio-team member approves it before it is published." : "It is published at once.") { Size = "small", IsSubtle = true },
        ],
        Actions = [Execute(PublishVerb, needsApproval ? "Propose the FAQ entry" : "Publish the FAQ entry", ticket, "positive")],
    };

    internal static IEnumerable<CardElement> NoticeBlock(string? notice) =>
        notice is null ? [] : [new TextBlock(notice) { Color = "attention", Weight = "bolder" }];

    internal static string Time(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string StateLine(ExpertTicket ticket) => ticket.State switch
    {
        TicketStates.Taken => $"taken by {CardText.Plain(ticket.TakenByName)}, {Time(ticket.TakenAtUtc ?? ticket.CreatedAtUtc)}",
        TicketStates.Answered => $"answered by {CardText.Plain(ticket.AnsweredByName)}; waiting for the asker",
        TicketStates.Closed when ticket.ClosedHow == TicketClosings.Helped => "closed: the answer helped",
        TicketStates.Closed => $"closed: {CardText.Plain(ticket.ClosedReason)}",
        _ => ticket.Answers > 0 ? "open again: the answer was still unclear" : "open: nobody has taken it",
    };

    private static ExecuteAction Execute(string verb, string title, ExpertTicket ticket, string? style) => new(verb)
    {
        Title = title,
        Style = style,
        AssociatedInputs = verb is AnswerVerb or CloseVerb or PublishVerb ? null : "none",
        Data = new JsonObject { ["verb"] = verb, ["ticketId"] = ticket.Id },
    };

    private static JsonObject AskerData(string verb, ExpertTicket ticket) => new() { ["verb"] = verb, ["ticketId"] = ticket.Id, ["answer"] = ticket.Answers };

    // A display name inside <at>…</at> must be the mention's text exactly, so it cannot be escaped: only letters,
    // digits, spaces and . - ' are kept, which Markdown reads as themselves.
    private static string? Mentionable(string? name) =>
        name is null ? null : new string([.. name.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '\'')]).Trim();
}
