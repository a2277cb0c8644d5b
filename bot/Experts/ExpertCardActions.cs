using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Experts;

/// <summary>
/// The expert loop's buttons. Asking is everyone's; the ticket's buttons are the experts' (pressed in the tenant's
/// experts' channel, or by the portfolio team anywhere); "That helped" and "Still unclear" are the asker's alone; the
/// FAQ entries' approval, edits and the knowledge gaps are the portfolio team's.
/// </summary>
public sealed class ExpertCardActions(TicketService tickets, FaqService faqs, ExpertChannels channels, AdminGuard guard) : ICardActionHandler
{
    public IReadOnlyList<string> Verbs { get; } =
    [
        ExpertCards.AskFormVerb, ExpertCards.AskVerb, ExpertCards.ViewVerb, ExpertCards.TakeVerb, ExpertCards.AnswerFormVerb, ExpertCards.AnswerVerb,
        ExpertCards.CloseFormVerb, ExpertCards.CloseVerb, ExpertCards.PublishFormVerb, ExpertCards.PublishVerb, ExpertCards.HelpedVerb, ExpertCards.UnclearVerb,
        FaqCards.ApproveVerb, FaqCards.RejectVerb, FaqCards.EditFormVerb, FaqCards.EditVerb, FaqCards.RetireVerb, GapCards.FormVerb, GapCards.OpenVerb,
    ];

    public IReadOnlySet<string> AdminVerbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        FaqCards.ApproveVerb, FaqCards.RejectVerb, FaqCards.EditFormVerb, FaqCards.EditVerb, FaqCards.RetireVerb, GapCards.FormVerb, GapCards.OpenVerb,
    };

    private static readonly AdaptiveCard NotInTeams = AdaptiveCard.Notice("Only in Teams", "Questions for the GenAI team are asked in Teams, where their answer can come back to you.");

    public async Task<AdaptiveCard> HandleAsync(ITurnContext turnContext, string verb, JObject data, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var tenant = ConversationOrigin.From(activity)?.TenantId;
        if (tenant is null)
        {
            return NotInTeams;
        }

        var actor = ActorOf(activity);
        switch (verb)
        {
            case ExpertCards.AskFormVerb:
                return AskForm(data);
            case ExpertCards.AskVerb:
                return await AskAsync(activity, tenant, actor, data, cancellationToken);
            case GapCards.FormVerb:
                return GapCards.Form(CardData.Text(data, "question") ?? "");
            case GapCards.OpenVerb:
                return await OpenGapAsync(tenant, actor, data, cancellationToken);
            case FaqCards.ApproveVerb or FaqCards.RejectVerb or FaqCards.EditFormVerb or FaqCards.EditVerb or FaqCards.RetireVerb:
                return await FaqAsync(verb, tenant, actor, data, cancellationToken);
        }

        var ticket = CardData.Number(data, "ticketId") is { } id ? await tickets.GetAsync(id, cancellationToken) : null;
        if (ticket is null || ticket.TenantId != tenant)
        {
            return AdaptiveCard.Notice("That ticket is gone", "It may have been deleted after the questions' retention period. Nothing was changed.");
        }

        if (verb is ExpertCards.HelpedVerb or ExpertCards.UnclearVerb)
        {
            return await AskerAsync(verb, ticket, actor, data, cancellationToken);
        }

        var isExpert = actor.IsPortfolioTeam || await channels.IsExpertsChannelAsync(activity, cancellationToken);
        if (verb == ExpertCards.ViewVerb)
        {
            return isExpert ? ExpertCards.ForExperts(ticket, form: ticket.State == TicketStates.Taken && ticket.TakenByObjectId == actor.ObjectId ? ExpertCards.AnswerFormVerb : null)
                : ticket.AskerObjectId == actor.ObjectId ? ExpertCards.ForAsker(ticket)
                : AdaptiveCard.Notice($"{ticket.DisplayId} is for the GenAI experts", "Its card shows in their channel.");
        }

        if (!isExpert)
        {
            return AdaptiveCard.Notice("Only the GenAI experts can do this", "Tickets are answered in the experts' channel (or by the portfolio team). Nothing was changed.");
        }

        return verb switch
        {
            ExpertCards.TakeVerb => Shown(await tickets.TakeAsync(ticket.Id, actor, cancellationToken)),
            ExpertCards.AnswerFormVerb => ExpertCards.ForExperts(ticket, form: ExpertCards.AnswerFormVerb, notice: TakenByOther(ticket, actor)),
            ExpertCards.AnswerVerb => Shown(await tickets.AnswerAsync(ticket.Id, CardData.Text(data, ExpertCards.AnswerInput), actor, cancellationToken), retryForm: ExpertCards.AnswerFormVerb),
            ExpertCards.CloseFormVerb => ExpertCards.ForExperts(ticket, form: ExpertCards.CloseFormVerb),
            ExpertCards.CloseVerb => Shown(await tickets.CloseAsync(ticket.Id, CardData.Text(data, ExpertCards.ReasonInput), actor, cancellationToken), retryForm: ExpertCards.CloseFormVerb),
            ExpertCards.PublishFormVerb => ticket.AnswerText is null
                ? ExpertCards.ForExperts(ticket, notice: $"{ticket.DisplayId} has no answer yet: answer it first.")
                : ExpertCards.PublishForm(ticket, faqs.NeedsApproval),
            _ => await PublishAsync(ticket, actor, data, cancellationToken),
        };
    }

    private TicketActor ActorOf(IActivity activity) =>
        new(UserIdentity.ObjectId(activity), activity.From?.Id, string.IsNullOrWhiteSpace(activity.From?.Name) ? "A colleague" : activity.From.Name, guard.IsAdmin(activity));

    private static AdaptiveCard AskForm(JObject data)
    {
        var question = CardData.Text(data, "question") ?? "";
        return question.Trim().Length == 0
            ? AdaptiveCard.Notice("There is no question to hand on", "Ask it in this chat first; the button comes under the answer.")
            : ExpertCards.AskForm(question, Origin(data));
    }

    private async Task<AdaptiveCard> AskAsync(IActivity activity, string tenant, TicketActor asker, JObject data, CancellationToken cancellationToken)
    {
        var question = CardData.Text(data, "question") ?? "";
        var requestId = CardData.Text(data, "requestId");
        if (asker.ObjectId is null || string.IsNullOrWhiteSpace(requestId))
        {
            return AdaptiveCard.Notice("This form cannot be sent", "Ask the question again and press **Ask the GenAI team** under the answer.");
        }

        var showName = !string.Equals(CardData.Text(data, ExpertCards.ShowNameInput), "false", StringComparison.OrdinalIgnoreCase);
        var request = new TicketRequest(
            TextCut.Cut($"ask:{asker.ObjectId}:{requestId}", 100),
            tenant,
            question,
            CardData.Text(data, ExpertCards.ContextInput),
            Origin(data),
            showName,
            asker,
            ConversationOrigin.From(activity));
        var outcome = await tickets.OpenAsync(request, cancellationToken);
        return outcome.Ticket is { } ticket ? ExpertCards.Asked(ticket) : ExpertCards.AskForm(question, Origin(data), outcome.Notice);
    }

    private async Task<AdaptiveCard> OpenGapAsync(string tenant, TicketActor admin, JObject data, CancellationToken cancellationToken)
    {
        var question = CardData.Text(data, GapCards.QuestionInput) ?? "";
        var requestId = CardData.Text(data, "requestId") ?? Guid.NewGuid().ToString("N");
        var request = new TicketRequest(TextCut.Cut($"gap:{admin.ObjectId}:{requestId}", 100), tenant, question, null, TicketOrigins.Gap, ShowName: false, admin with { ObjectId = null, ChannelUserId = null }, null);
        var outcome = await tickets.OpenAsync(request, cancellationToken);
        return outcome.Ticket is { } ticket
            ? AdaptiveCard.Notice($"{ticket.DisplayId} is with the GenAI experts", "Their answer shows on the ticket's card; publish it as an FAQ entry to close the gap.")
            : GapCards.Form(question, outcome.Notice);
    }

    private async Task<AdaptiveCard> AskerAsync(string verb, ExpertTicket ticket, TicketActor asker, JObject data, CancellationToken cancellationToken)
    {
        var answerNumber = CardData.Number(data, "answer");
        var outcome = verb == ExpertCards.HelpedVerb
            ? await tickets.HelpedAsync(ticket.Id, answerNumber, asker, cancellationToken)
            : await tickets.UnclearAsync(ticket.Id, answerNumber, CardData.Text(data, ExpertCards.CommentInput), asker, cancellationToken);
        if (outcome.Ticket is not { } now)
        {
            return AdaptiveCard.Notice("That ticket is gone", outcome.Notice ?? "Nothing was changed.");
        }

        if (now.AskerObjectId != asker.ObjectId)
        {
            return AdaptiveCard.Notice($"{now.DisplayId} is someone else's question", outcome.Notice ?? "Nothing was changed.");
        }

        // Refused while the ticket is answered (a comment missing, an older answer's button): the latest answer again, with its buttons.
        return outcome.Notice is { } notice && now.State == TicketStates.Answered ? ExpertCards.AnswerForAsker(now, notice) : ExpertCards.ForAsker(now, outcome.Notice);
    }

    private async Task<AdaptiveCard> PublishAsync(ExpertTicket ticket, TicketActor expert, JObject data, CancellationToken cancellationToken)
    {
        var question = CardData.Text(data, ExpertCards.FaqQuestionInput);
        var answer = CardData.Text(data, ExpertCards.FaqAnswerInput);
        var outcome = await faqs.ProposeAsync(ticket, question, answer, expert, cancellationToken);
        return outcome switch
        {
            { Entry: { } entry } => FaqCards.Result(entry, outcome.Notice),
            _ => ExpertCards.PublishForm(ticket, faqs.NeedsApproval, outcome.Notice, question, answer),
        };
    }

    private async Task<AdaptiveCard> FaqAsync(string verb, string tenant, TicketActor admin, JObject data, CancellationToken cancellationToken)
    {
        var entry = CardData.Number(data, "faqId") is { } id ? await faqs.GetAsync(id, cancellationToken) : null;
        if (entry is null || entry.TenantId != tenant)
        {
            return AdaptiveCard.Notice("That FAQ entry is gone", "Type **faqs** for the entries there are.");
        }

        if (verb == FaqCards.EditFormVerb)
        {
            return FaqCards.EditForm(entry);
        }

        var question = CardData.Text(data, ExpertCards.FaqQuestionInput);
        var answer = CardData.Text(data, ExpertCards.FaqAnswerInput);
        var outcome = verb switch
        {
            FaqCards.ApproveVerb => await faqs.ApproveAsync(entry.Id, admin, cancellationToken),
            FaqCards.RejectVerb => await faqs.RejectAsync(entry.Id, admin, cancellationToken),
            FaqCards.RetireVerb => await faqs.RetireAsync(entry.Id, admin, cancellationToken),
            _ => await faqs.EditAsync(entry.Id, question, answer, admin, cancellationToken),
        };
        return verb == FaqCards.EditVerb && outcome.Notice is { } notice && outcome.Entry is { } unchanged && unchanged.State is FaqStates.Pending or FaqStates.Published
            ? FaqCards.EditForm(unchanged, notice, question, answer)
            : FaqCards.Result(outcome.Entry ?? entry, outcome.Notice);
    }

    /// <summary>The ticket as it now stands; a form whose input was refused is shown again, with why.</summary>
    private static AdaptiveCard Shown(TicketOutcome outcome, string? retryForm = null) => outcome.Ticket switch
    {
        null => AdaptiveCard.Notice("That ticket is gone", outcome.Notice ?? "Nothing was changed."),
        { } ticket => ExpertCards.ForExperts(ticket, notice: outcome.Notice, form: outcome.InputRefused ? retryForm : null),
    };

    private static string? TakenByOther(ExpertTicket ticket, TicketActor actor) =>
        ticket.State == TicketStates.Taken && ticket.TakenByObjectId != actor.ObjectId
            ? $"{CardText.Plain(ticket.TakenByName)} has taken {ticket.DisplayId}." + (actor.IsPortfolioTeam ? " As the portfolio team you can still answer." : " Only they (or the portfolio team) can answer it.")
            : null;

    private static string Origin(JObject data) => CardData.Text(data, "origin") == TicketOrigins.Unhelpful ? TicketOrigins.Unhelpful : TicketOrigins.NotCovered;
}
