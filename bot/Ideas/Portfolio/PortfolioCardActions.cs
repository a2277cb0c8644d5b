using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>The portfolio verbs on cards: first answers, the submitter's added information, assessment, screening, ticks.</summary>
public sealed class PortfolioCardActions(PortfolioFlow flow) : ICardActionHandler
{
    public IReadOnlyList<string> Verbs { get; } =
    [
        PortfolioCards.AnswerVerb, PortfolioCards.AddInformationVerb, PortfolioCards.AssessFormVerb, PortfolioCards.AssessVerb,
        PortfolioCards.ScreenFormVerb, PortfolioCards.ScreenVerb, PortfolioCards.TickVerb,
    ];

    /// <summary>The submitter answers the office's question and the owner ticks their own items: every other verb is the portfolio team's.</summary>
    public IReadOnlySet<string> AdminVerbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PortfolioCards.AnswerVerb, PortfolioCards.AssessFormVerb, PortfolioCards.AssessVerb, PortfolioCards.ScreenFormVerb, PortfolioCards.ScreenVerb,
    };

    public Task<AdaptiveCard> HandleAsync(ITurnContext turnContext, string verb, JObject data, CancellationToken cancellationToken) => verb switch
    {
        PortfolioCards.AnswerVerb => flow.AnswerAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.AddInformationVerb => flow.AddInformationAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.AssessFormVerb => flow.AssessmentFormAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.AssessVerb => flow.AssessAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.ScreenFormVerb => flow.ScreeningFormAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.ScreenVerb => flow.ScreenAsync(turnContext.Activity, data, cancellationToken),
        _ => flow.TickAsync(turnContext.Activity, data, cancellationToken),
    };
}
