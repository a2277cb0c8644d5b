using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>The portfolio verbs on cards: first answers, the submitter's added information, assessment, screening, ticks.</summary>
public sealed class PortfolioCardActions(PortfolioFlow flow, PortfolioImportFlow import) : ICardActionHandler
{
    public IReadOnlyList<string> Verbs { get; } =
    [
        PortfolioCards.AnswerVerb, PortfolioCards.AddInformationVerb, PortfolioCards.AssessFormVerb, PortfolioCards.AssessVerb,
        PortfolioCards.ScreenFormVerb, PortfolioCards.ScreenVerb, PortfolioCards.TickVerb, PortfolioCards.BoardDecideVerb, PortfolioCards.SignOffVerb, PortfolioCards.RegisterPageVerb, PortfolioCards.ReviveVerb, PortfolioImportFlow.ApplyVerb, PortfolioCards.DetailsFormVerb, PortfolioCards.DetailsVerb,
    ];

    /// <summary>
    /// The submitter answers the office's question, the owner ticks their own items and Legal signs off (each checked by
    /// the service): every other verb is the portfolio team's.
    /// </summary>
    public IReadOnlySet<string> AdminVerbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PortfolioCards.AnswerVerb, PortfolioCards.AssessFormVerb, PortfolioCards.AssessVerb, PortfolioCards.ScreenFormVerb, PortfolioCards.ScreenVerb,
        PortfolioCards.BoardDecideVerb, PortfolioCards.RegisterPageVerb, PortfolioImportFlow.ApplyVerb, PortfolioCards.DetailsFormVerb, PortfolioCards.DetailsVerb,
    };

    public Task<AdaptiveCard> HandleAsync(ITurnContext turnContext, string verb, JObject data, CancellationToken cancellationToken) => verb switch
    {
        PortfolioCards.AnswerVerb => flow.AnswerAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.AddInformationVerb => flow.AddInformationAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.AssessFormVerb => flow.AssessmentFormAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.AssessVerb => flow.AssessAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.ScreenFormVerb => flow.ScreeningFormAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.ScreenVerb => flow.ScreenAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.BoardDecideVerb => flow.DecideAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.SignOffVerb => flow.SignOffAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.ReviveVerb => flow.ReviveAsync(turnContext.Activity, data, cancellationToken),
        PortfolioImportFlow.ApplyVerb => import.ApplyAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.DetailsFormVerb => flow.DetailsFormAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.DetailsVerb => flow.DetailsAsync(turnContext.Activity, data, cancellationToken),
        PortfolioCards.RegisterPageVerb => flow.RegisterAsync(turnContext.Activity, Math.Max(0, CardData.Number(data, "page") ?? 0), cancellationToken),
        _ => flow.TickAsync(turnContext.Activity, data, cancellationToken),
    };
}
