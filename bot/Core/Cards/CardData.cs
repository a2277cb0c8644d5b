using Newtonsoft.Json.Linq;

namespace AdoptionBot.Core.Cards;

/// <summary>Values a card action carries (its data and its inputs), read defensively: a value of the wrong JSON type counts as absent.</summary>
public static class CardData
{
    public static string? Text(JObject data, string name) => data[name]?.Type == JTokenType.String ? data.Value<string>(name) : null;

    /// <summary>A whole number, or null when it is missing, not a number or outside int's range.</summary>
    public static int? Number(JObject data, string name) =>
        data[name] is JValue { Type: JTokenType.Integer } value && long.TryParse(value.ToString(System.Globalization.CultureInfo.InvariantCulture), out var number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : null;
}
