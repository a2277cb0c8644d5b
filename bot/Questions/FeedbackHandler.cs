using System.Net;
using AdoptionBot.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Questions;

/// <summary>
/// Stores the thumbs up/down Teams sends for an answer (invoke "message/submitAction", actionName "feedback").
/// The answer is identified by the invoke's replyToId; the optional comment arrives as a JSON string.
/// </summary>
public sealed class FeedbackHandler(IQuestionLog log, AskerHash askers, IEnumerable<IUnhelpfulAnswerOffer> offers, TimeProvider time, ILogger<FeedbackHandler> logger) : IInvokeHandler
{
    public const string InvokeName = "message/submitAction";

    public string Name => InvokeName;
    private const int MaxTextLength = 2000;

    public async Task<InvokeResponse> HandleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var value = activity.Value as JObject;
        var actionValue = value?["actionValue"] as JObject;
        var reaction = StringValue(actionValue?["reaction"])?.Trim().ToLowerInvariant();
        if (!string.Equals(StringValue(value?["actionName"]), "feedback", StringComparison.OrdinalIgnoreCase) || reaction is not ("like" or "dislike"))
        {
            QuestionsLog.FeedbackRejected(logger, "not a feedback action with reaction like or dislike");
            return new InvokeResponse { Status = (int)HttpStatusCode.BadRequest };
        }

        if (string.IsNullOrWhiteSpace(activity.ReplyToId))
        {
            QuestionsLog.FeedbackRejected(logger, "no replyToId");
            return new InvokeResponse { Status = (int)HttpStatusCode.BadRequest };
        }

        await log.RecordFeedbackAsync(
            new AnswerFeedbackRecord
            {
                AnswerId = activity.ReplyToId,
                Reaction = reaction,
                Text = FeedbackText(actionValue?["feedback"]),
                UserHash = askers.Of(activity),
                ReceivedAtUtc = time.GetUtcNow().UtcDateTime,
            },
            cancellationToken);
        QuestionsLog.FeedbackStored(logger, activity.ReplyToId, reaction);
        if (reaction == "dislike")
        {
            await OfferNextStepAsync(turnContext, activity.ReplyToId, cancellationToken);
        }

        return new InvokeResponse { Status = (int)HttpStatusCode.OK };
    }

    /// <summary>Under an answer rated unhelpful: the offers (ask the experts), for the question that answer was given to.</summary>
    private async Task OfferNextStepAsync(ITurnContext turnContext, string answerId, CancellationToken cancellationToken)
    {
        var cards = offers.ToList();
        if (cards.Count == 0 || await log.QuestionOfAnswerAsync(answerId, cancellationToken) is not { } question)
        {
            return;
        }

        try
        {
            var message = MessageFactory.Attachment([.. cards.Select(o => Core.Cards.CardSerializer.ToAttachment(o.OfferFor(question)))]);
            await turnContext.SendActivityAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Bot.Schema.ErrorResponseException or HttpRequestException)
        {
            // The rating is stored; the offer is a courtesy the connector did not take.
            QuestionsLog.FeedbackOfferNotSent(logger, ex.GetType().Name);
        }
    }

    private static string? FeedbackText(JToken? feedback)
    {
        var text = feedback?.Type switch
        {
            JTokenType.String => TryReadFeedbackText(feedback.Value<string>()!),
            JTokenType.Object => StringValue(feedback["feedbackText"]),
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : TextCut.Cut(text, MaxTextLength);
    }

    // Value<string>() throws on objects and arrays; a value of the wrong JSON type counts as absent instead.
    private static string? StringValue(JToken? token) => token?.Type == JTokenType.String ? token.Value<string>() : null;

    private static string? TryReadFeedbackText(string json)
    {
        try
        {
            return StringValue(JObject.Parse(json)["feedbackText"]);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
