using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AdoptionBot.Core.Cards;

/// <summary>
/// A small typed model of the Adaptive Card 1.5 elements the bot uses, serialised by <see cref="CardSerializer"/>.
/// Only what the bot sends is modelled; add an element here, never as a JSON string in a handler.
/// </summary>
public sealed class AdaptiveCard
{
    [JsonPropertyName("$schema")]
    public string Schema { get; } = "http://adaptivecards.io/schemas/adaptive-card.json";

    public string Type { get; } = "AdaptiveCard";

    public string Version { get; init; } = "1.5";

    public List<CardElement> Body { get; init; } = [];

    public List<CardAction>? Actions { get; init; }

    /// <summary>
    /// Universal Actions' refresh: Teams invokes the action when someone views the card (automatically for the listed
    /// users, and for everyone in a conversation of up to 60 people when the list is absent) and shows the card the bot
    /// answers with.
    /// </summary>
    public CardRefresh? Refresh { get; init; }

    /// <summary>Teams' card properties: the people a TextBlock's &lt;at&gt;…&lt;/at&gt; mentions.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? MsTeams { get; init; }

    /// <summary>A card that only tells something: a bold title and one line.</summary>
    public static AdaptiveCard Notice(string title, string text) => new()
    {
        Body = [new TextBlock(title) { Weight = "bolder" }, new TextBlock(text)],
    };
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
[JsonDerivedType(typeof(HorizontalBarChart), "Chart.HorizontalBar")]
public abstract class CardElement
{
    public string? Id { get; init; }

    /// <summary>none, small, default, medium, large, extraLarge, padding.</summary>
    public string? Spacing { get; init; }

    public bool? Separator { get; init; }
}

public sealed class TextBlock : CardElement
{
    public TextBlock(string text) => Text = text;

    public string Text { get; }

    public bool Wrap { get; init; } = true;

    /// <summary>default, lighter, bolder.</summary>
    public string? Weight { get; init; }

    /// <summary>default, small, medium, large, extraLarge.</summary>
    public string? Size { get; init; }

    /// <summary>default, dark, light, accent, good, warning, attention.</summary>
    public string? Color { get; init; }

    public bool? IsSubtle { get; init; }
}

public sealed record Fact(string Title, string Value);

public sealed class FactSet : CardElement
{
    public List<Fact> Facts { get; init; } = [];
}

public sealed class Container : CardElement
{
    public List<CardElement> Items { get; init; } = [];

    /// <summary>default, emphasis, good, attention, warning, accent.</summary>
    public string? Style { get; init; }
}

/// <summary>
/// Teams' horizontal bar chart. Teams renders it; hosts without charts render <see cref="Fallback"/>, which must
/// show the same figures.
/// </summary>
public sealed class HorizontalBarChart : CardElement
{
    public HorizontalBarChart(IReadOnlyList<ChartDataPoint> data, CardElement fallback)
    {
        Data = data;
        Fallback = fallback;
    }

    public string? Title { get; init; }

    public IReadOnlyList<ChartDataPoint> Data { get; }

    public CardElement Fallback { get; }
}

/// <summary>One bar: its label and value.</summary>
public sealed record ChartDataPoint(string X, double Y);

public sealed class ActionSet : CardElement
{
    public List<CardAction> Actions { get; init; } = [];
}

public abstract class CardInput : CardElement
{
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

public sealed class InputText : CardInput
{
    public string? Placeholder { get; init; }

    public string? Value { get; init; }

    public int? MaxLength { get; init; }

    public bool? IsMultiline { get; init; }
}

public sealed record Choice(string Title, string Value);

public sealed class InputChoiceSet : CardInput
{
    public List<Choice> Choices { get; init; } = [];

    public string? Value { get; init; }

    /// <summary>compact (a drop-down) or expanded (radio buttons).</summary>
    /// <summary>Several choices at once; the value comes back comma-separated.</summary>
    public bool? IsMultiSelect { get; init; }

    public string? Style { get; init; }

    public string? Placeholder { get; init; }
}

public sealed class InputToggle : CardInput
{
    public InputToggle(string title) => Title = title;

    public string Title { get; }

    public string? Value { get; init; }

    public string ValueOn { get; init; } = "true";

    public string ValueOff { get; init; } = "false";
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
public abstract class CardAction
{
    public string? Title { get; init; }

    /// <summary>default, positive, destructive.</summary>
    public string? Style { get; init; }
}

/// <summary>A Universal Action: Teams sends an adaptiveCard/action invoke and shows the card the bot answers with.</summary>
public sealed class ExecuteAction : CardAction
{
    public ExecuteAction(string verb) => Verb = verb;

    public string Verb { get; }

    public JsonObject? Data { get; init; }

    /// <summary>auto (the inputs of the card) or none.</summary>
    public string? AssociatedInputs { get; init; }
}

/// <summary>The refresh clause of a Universal Actions card; <see cref="UserIds"/> are channel user ids (29:…), at most 60.</summary>
public sealed class CardRefresh
{
    public CardRefresh(ExecuteAction action) => Action = action;

    /// <summary>Typed as the base, so the serialiser writes its "type" (Action.Execute).</summary>
    public CardAction Action { get; }

    public List<string>? UserIds { get; init; }
}

/// <summary>The "msteams" property of a card.</summary>
public sealed class TeamsCardProperties
{
    public List<CardMention> Entities { get; init; } = [];
}

/// <summary>A mention in a card: <see cref="Text"/> ("&lt;at&gt;Name&lt;/at&gt;") appears in a TextBlock and names <see cref="Mentioned"/>.</summary>
public sealed class CardMention
{
    public CardMention(string text, MentionedUser mentioned)
    {
        Text = text;
        Mentioned = mentioned;
    }

    public string Type { get; } = "mention";

    public string Text { get; }

    public MentionedUser Mentioned { get; }
}

/// <summary>Who a mention names: their channel user id (29:…) or Entra object id, and their name.</summary>
public sealed record MentionedUser(string Id, string Name);

public sealed class SubmitAction : CardAction
{
    public JsonObject? Data { get; init; }

    public string? AssociatedInputs { get; init; }
}

public sealed class OpenUrlAction : CardAction
{
    public OpenUrlAction(string url) => Url = url;

    public string Url { get; }
}
