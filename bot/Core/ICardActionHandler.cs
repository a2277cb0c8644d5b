using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Core;

/// <summary>Handles the card actions (verbs) of one capability and answers with the card that replaces the one clicked.</summary>
public interface ICardActionHandler
{
    IReadOnlyList<string> Verbs { get; }

    /// <summary>The verbs only the portfolio team may use; the card action router checks them with the admin guard.</summary>
    IReadOnlySet<string> AdminVerbs { get; }

    Task<AdaptiveCard> HandleAsync(ITurnContext turnContext, string verb, JObject data, CancellationToken cancellationToken);
}
