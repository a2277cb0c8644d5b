using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Core.Cards;

/// <summary>Turns the card model into JSON and into the Bot Framework attachment that carries it.</summary>
public static class CardSerializer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refuses messages over 28 KB; cards are kept well under it.</summary>
    public const int MaxCardBytes = 28 * 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToJson(AdaptiveCard card) => JsonSerializer.Serialize(card, Options);

    public static int SizeInBytes(AdaptiveCard card) => Encoding.UTF8.GetByteCount(ToJson(card));

    /// <summary>The card as a message attachment (the Bot Framework SDK serialises with Newtonsoft, hence the JObject).</summary>
    public static Attachment ToAttachment(AdaptiveCard card) => new()
    {
        ContentType = ContentType,
        Content = JObject.Parse(ToJson(card)),
    };

    /// <summary>The card as the value of an adaptiveCard/action invoke response, which replaces the card in place.</summary>
    public static AdaptiveCardInvokeResponse ToInvokeResponse(AdaptiveCard card) => new()
    {
        StatusCode = 200,
        Type = ContentType,
        Value = JObject.Parse(ToJson(card)),
    };

    /// <summary>A message carrying the card, e.g. for the outbox to send later.</summary>
    public static IMessageActivity ToMessage(AdaptiveCard card) => Microsoft.Bot.Builder.MessageFactory.Attachment(ToAttachment(card));

    public static AdaptiveCardInvokeResponse MessageResponse(string message) => new()
    {
        StatusCode = 200,
        Type = "application/vnd.microsoft.activity.message",
        Value = message,
    };
}
