using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Core.Cards;

/// <summary>
/// The last look at everything the bot sends, replies and outbox sends alike: a message whose Adaptive Cards would take
/// it over Teams' size limit goes out with a short plain-text line instead of the cards, and a card action's answer
/// that would be over it becomes that line too, so Teams never refuses it (413 MessageSizeTooBig) and the turn never fails.
/// </summary>
public sealed class CardSizeGuard(ILogger<CardSizeGuard> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>The largest serialised activity sent with a card: Teams' 28 KB less a margin for what the connector adds around it.</summary>
    public const int MaxActivityBytes = CardSerializer.MaxCardBytes - EnvelopeMarginBytes;

    /// <summary>The turn-state key a sender of unprompted messages sets to what it sends (the outbox kind), so the log can name it.</summary>
    public const string KindKey = "AdoptionBot.Cards.Kind";

    public const string TooLargeText = "The card I prepared here was too large for Teams to show, so I left it out. Please try again with less text; if it keeps happening, tell the GenAI team.";

    private const int EnvelopeMarginBytes = 1024;

    private static readonly JsonSerializerSettings Wire = new() { NullValueHandling = NullValueHandling.Ignore };

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        turnContext.OnSendActivities((context, activities, nextSend) =>
        {
            foreach (var activity in activities)
            {
                Guard(context, activity);
            }

            return nextSend();
        });
        await next(cancellationToken);
    }

    private void Guard(ITurnContext context, Activity activity)
    {
        if (activity.Type == ActivityTypes.Message && activity.Attachments?.Any(IsCard) == true)
        {
            var bytes = SizeInBytes(activity);
            if (bytes > MaxActivityBytes)
            {
                CoreLog.CardTooLarge(logger, KindOf(context, "reply"), Verbs(activity.Attachments.Where(IsCard).Select(a => a.Content)), bytes, MaxActivityBytes);
                activity.Attachments = activity.Attachments.Where(a => !IsCard(a)).ToList();
                activity.Text = string.IsNullOrWhiteSpace(activity.Text) ? TooLargeText : activity.Text + "\n\n" + TooLargeText;
            }
        }
        else if (activity is { Type: ActivityTypesEx.InvokeResponse, Value: InvokeResponse { Body: AdaptiveCardInvokeResponse { Type: CardSerializer.ContentType } card } response })
        {
            var bytes = SizeInBytes(card);
            if (bytes > MaxActivityBytes)
            {
                CoreLog.CardTooLarge(logger, KindOf(context, "card action answer"), Verbs([card.Value]), bytes, MaxActivityBytes);
                activity.Value = new InvokeResponse { Status = response.Status, Body = CardSerializer.MessageResponse(TooLargeText) };
            }
        }
    }

    private static bool IsCard(Attachment attachment) => attachment.ContentType == CardSerializer.ContentType;

    private static int SizeInBytes(object value) => Encoding.UTF8.GetByteCount(JsonConvert.SerializeObject(value, Wire));

    private static string KindOf(ITurnContext context, string otherwise) =>
        context.TurnState.Get<string>(KindKey) is { Length: > 0 } kind ? kind : otherwise;

    /// <summary>The verbs of the cards' buttons, which the bot wrote itself: what the card was, without any of its text.</summary>
    private static string Verbs(IEnumerable<object?> cards)
    {
        var verbs = cards
            .Select(c => c as JToken ?? (c is null ? null : JToken.FromObject(c)))
            .SelectMany(c => c?.SelectTokens("$..actions[*].verb") ?? [])
            .Where(v => v.Type == JTokenType.String)
            .Select(v => v.Value<string>()!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return verbs.Count == 0 ? "(no buttons)" : string.Join(", ", verbs);
    }
}
