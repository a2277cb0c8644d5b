using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Questions;
using Microsoft.Bot.Builder;

namespace AdoptionBot.Experts;

/// <summary>"link experts" in a team channel (portfolio team): new tickets are posted there.</summary>
public sealed class LinkExpertsCommand(ExpertChannels channels, AdminGuard guard) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["link experts"];

    public bool AdminOnly => false;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        // Answered in the channel itself: the link is about this channel, and says nothing confidential.
        if (!guard.IsAdmin(turnContext.Activity))
        {
            await turnContext.SendActivityAsync("Only the portfolio team can make a channel the experts' channel.", cancellationToken: cancellationToken);
            return;
        }

        var linked = await channels.LinkAsync(turnContext.Activity, cancellationToken);
        var text = linked switch
        {
            null => "The experts' channel is a team channel: @mention me there with **link experts**.",
            { Replaced: { } old } => $"This channel is now the experts' channel: new questions for the GenAI team are posted here as tickets. It replaces {CardText.Plain(old.ChannelName)} of {CardText.Plain(old.TeamName)}; tickets already there stay there.",
            _ => "This channel is the experts' channel: questions employees hand to the GenAI team are posted here as tickets, with **Take it**, **Answer** and **Close with reason**.",
        };
        await turnContext.SendActivityAsync(text, cancellationToken: cancellationToken);
    }
}

/// <summary>"faqs": the FAQ entries the GenAI team published; for the portfolio team in their 1:1 chat, with pending ones and buttons.</summary>
public sealed class FaqsCommand(FaqService faqs, AdminGuard guard, PrivateAnswers privately) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["faqs", "faq"];

    public bool AdminOnly => false;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var tenant = ConversationOrigin.From(turnContext.Activity)?.TenantId;
        if (tenant is null)
        {
            await turnContext.SendActivityAsync("The FAQ entries are listed in Teams.", cancellationToken: cancellationToken);
            return;
        }

        if (guard.IsAdmin(turnContext.Activity))
        {
            var all = await faqs.ListAsync(tenant, all: true, cancellationToken);
            await privately.RunAsync(turnContext, "faqs", context => context.SendActivityAsync(CardSerializer.ToMessage(FaqCards.List(all, manage: true)), cancellationToken), cancellationToken);
            return;
        }

        var published = await faqs.ListAsync(tenant, all: false, cancellationToken);
        await turnContext.SendActivityAsync(CardSerializer.ToMessage(FaqCards.List(published, manage: false)), cancellationToken);
    }
}

/// <summary>"gaps" (portfolio team): unanswered questions and answers rated unhelpful, each with a button to open a ticket.</summary>
public sealed class GapsCommand(QuestionStatistics statistics, TimeProvider time) : IBotCommand
{
    private const int Days = 30;
    private const int Listed = 20;

    public IReadOnlyList<string> Names { get; } = ["gaps"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var tenant = ConversationOrigin.From(turnContext.Activity)?.TenantId;
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-Days);
        var unanswered = await statistics.KnowledgeGapsAsync(since, now.AddMinutes(1), Listed, GapView.Unfiltered, tenant, cancellationToken);
        var lowRated = await statistics.LowRatedAsync(since, Listed, tenant, cancellationToken);
        await turnContext.SendActivityAsync(CardSerializer.ToMessage(GapCards.List(Days, unanswered, lowRated)), cancellationToken);
    }
}

/// <summary>Under a "not covered" answer: the button that hands the question to the GenAI team.</summary>
public sealed class AskExpertsOffer : INotCoveredOffer, IUnhelpfulAnswerOffer
{
    AdaptiveCard INotCoveredOffer.OfferFor(string question) => ExpertCards.AskOffer(question, TicketOrigins.NotCovered);

    AdaptiveCard IUnhelpfulAnswerOffer.OfferFor(string question) => ExpertCards.AskOffer(question, TicketOrigins.Unhelpful);
}
