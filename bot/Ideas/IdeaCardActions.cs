using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas;

/// <summary>The idea verbs on cards: submit the form, change a status, open the form from an answer, page through triage.</summary>
public sealed class IdeaCardActions(IdeaFlow flow) : ICardActionHandler
{
    public IReadOnlyList<string> Verbs { get; } = [IdeaCards.SubmitVerb, IdeaCards.SetStatusVerb, IdeaCards.NewIdeaVerb, IdeaCards.TriagePageVerb];

    public IReadOnlySet<string> AdminVerbs { get; } = new HashSet<string>(StringComparer.Ordinal) { IdeaCards.SetStatusVerb, IdeaCards.TriagePageVerb };

    public Task<AdaptiveCard> HandleAsync(ITurnContext turnContext, string verb, JObject data, CancellationToken cancellationToken) => verb switch
    {
        IdeaCards.SubmitVerb => flow.SubmitAsync(turnContext.Activity, data, cancellationToken),
        IdeaCards.SetStatusVerb => flow.SetStatusAsync(turnContext.Activity, data, cancellationToken),
        IdeaCards.NewIdeaVerb => flow.NewFormAsync(turnContext.Activity, data["problem"]?.Type == JTokenType.String ? data.Value<string>("problem")! : "", cancellationToken),
        _ when !ConversationScope.IsPersonal(turnContext.Activity) => Task.FromResult(IdeaFlow.TriageOnlyInPersonalChat),
        _ => flow.TriageAsync(Math.Max(0, CardData.Number(data, "page") ?? 0), null, cancellationToken),
    };
}
