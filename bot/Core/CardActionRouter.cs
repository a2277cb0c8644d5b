using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Core;

/// <summary>
/// Routes card actions by verb, whether they arrive as Universal Actions (adaptiveCard/action invokes, answered with
/// the updated card) or as messages carrying a value (clients that only know Action.Submit, answered with a new card).
/// Portfolio-team verbs pass the admin guard here, whichever way they arrive, and every action takes one request from the
/// sender's <see cref="UserRateLimit"/>; a refused action leaves the card as it was, so nothing typed into it is lost.
/// </summary>
public sealed class CardActionRouter(IEnumerable<ICardActionHandler> handlers, AdminGuard guard, UserRateLimit rateLimit, ILogger<CardActionRouter> logger)
{
    private readonly Dictionary<string, ICardActionHandler> _handlers = handlers
        .SelectMany(h => h.Verbs.Select(v => (Verb: v, Handler: h)))
        .ToDictionary(p => p.Verb, p => p.Handler, StringComparer.Ordinal);

    /// <summary>True when a message is a card submission: its value is an object with a verb.</summary>
    public static bool IsCardSubmission(IActivity activity) =>
        activity.Type == ActivityTypes.Message && activity is IMessageActivity { Value: JObject value } && value["verb"]?.Type == JTokenType.String;

    public async Task<AdaptiveCardInvokeResponse> HandleInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        if (!rateLimit.TryTake(turnContext.Activity, "card action"))
        {
            return CardSerializer.MessageResponse(rateLimit.Refusal);
        }

        var data = invokeValue.Action?.Data as JObject ?? [];
        var card = await HandleAsync(turnContext, invokeValue.Action?.Verb, data, cancellationToken);
        return CardSerializer.ToInvokeResponse(card);
    }

    public async Task HandleSubmissionAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (!rateLimit.TryTake(turnContext.Activity, "card action"))
        {
            await turnContext.SendActivityAsync(rateLimit.Refusal, cancellationToken: cancellationToken);
            return;
        }

        var data = (JObject)((IMessageActivity)turnContext.Activity).Value;
        var card = await HandleAsync(turnContext, data.Value<string>("verb"), data, cancellationToken);
        await turnContext.SendActivityAsync(CardSerializer.ToMessage(card), cancellationToken);
    }

    private Task<AdaptiveCard> HandleAsync(ITurnContext turnContext, string? verb, JObject data, CancellationToken cancellationToken)
    {
        if (verb is not null && _handlers.TryGetValue(verb, out var handler))
        {
            if (handler.AdminVerbs.Contains(verb) && !guard.IsAdmin(turnContext.Activity))
            {
                CoreLog.AdminVerbRefused(logger, verb);
                return Task.FromResult(AdaptiveCard.Notice("Only the portfolio team can do this", "Nothing was changed. Type **my ideas** to see your own ideas."));
            }

            return handler.HandleAsync(turnContext, verb, data, cancellationToken);
        }

        CoreLog.UnknownVerb(logger, verb ?? "(none)");
        return Task.FromResult(AdaptiveCard.Notice("I don't know that action", "This card may be from an older version of the bot. Type **help** to see what I can do."));
    }
}
