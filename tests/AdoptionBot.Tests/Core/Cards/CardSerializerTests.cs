using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Tests.Core.Cards;

public sealed class CardSerializerTests
{
    [Fact]
    public void ToJson_Card_WritesSchemaTypeAndVersion15()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Hello")] };

        var json = Parse(CardSerializer.ToJson(card));

        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)json["$schema"]);
        Assert.Equal("AdaptiveCard", (string?)json["type"]);
        Assert.Equal("1.5", (string?)json["version"]);
    }

    [Theory]
    [InlineData(typeof(TextBlock), "TextBlock")]
    [InlineData(typeof(FactSet), "FactSet")]
    [InlineData(typeof(Container), "Container")]
    [InlineData(typeof(ActionSet), "ActionSet")]
    [InlineData(typeof(InputText), "Input.Text")]
    [InlineData(typeof(InputChoiceSet), "Input.ChoiceSet")]
    [InlineData(typeof(InputToggle), "Input.Toggle")]
    public void ToJson_Element_WritesItsAdaptiveCardTypeAsFirstProperty(Type elementType, string expectedType)
    {
        var card = new AdaptiveCard { Body = [Element(elementType)] };

        var element = Parse(CardSerializer.ToJson(card))["body"]!.AsArray().Single()!.AsObject();

        var first = element.First();
        Assert.Equal("type", first.Key);
        Assert.Equal(expectedType, (string?)first.Value);
    }

    [Theory]
    [InlineData(typeof(ExecuteAction), "Action.Execute")]
    [InlineData(typeof(SubmitAction), "Action.Submit")]
    [InlineData(typeof(OpenUrlAction), "Action.OpenUrl")]
    public void ToJson_Action_WritesItsAdaptiveCardTypeAsFirstProperty(Type actionType, string expectedType)
    {
        var card = new AdaptiveCard { Actions = [Action(actionType)] };

        var action = Parse(CardSerializer.ToJson(card))["actions"]!.AsArray().Single()!.AsObject();

        var first = action.First();
        Assert.Equal("type", first.Key);
        Assert.Equal(expectedType, (string?)first.Value);
    }

    [Fact]
    public void ToJson_NestedElementsAndActions_KeepTheirTypes()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new Container
                {
                    Items = [new InputText { Id = "comment", Label = "Comment" }, new ActionSet { Actions = [new ExecuteAction("idea.setStatus")] }],
                },
            ],
        };

        var container = Parse(CardSerializer.ToJson(card))["body"]![0]!;

        Assert.Equal("Input.Text", (string?)container["items"]![0]!["type"]);
        Assert.Equal("ActionSet", (string?)container["items"]![1]!["type"]);
        Assert.Equal("Action.Execute", (string?)container["items"]![1]!["actions"]![0]!["type"]);
    }

    [Fact]
    public void ToJson_Properties_AreCamelCase()
    {
        var card = new AdaptiveCard
        {
            Body = [new InputText { Id = "title", Label = "Title", IsRequired = true, MaxLength = 120, IsMultiline = true, ErrorMessage = "Required" }],
            Actions = [new ExecuteAction("idea.submit") { AssociatedInputs = "auto" }],
        };

        var json = Parse(CardSerializer.ToJson(card));

        var input = json["body"]![0]!.AsObject();
        Assert.Equal(
            ["errorMessage", "id", "isMultiline", "isRequired", "label", "maxLength", "type"],
            input.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(AllPropertyNames(json).Where(name => name != "$schema"), name => Assert.True(char.IsLower(name[0]), $"'{name}' is not camelCase"));
        Assert.Equal("auto", (string?)json["actions"]![0]!["associatedInputs"]);
    }

    [Fact]
    public void ToJson_NullProperties_AreOmitted()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Only text")] };

        var json = Parse(CardSerializer.ToJson(card));

        Assert.False(json.ContainsKey("actions"));
        var text = json["body"]![0]!.AsObject();
        Assert.Equal(["type", "text", "wrap"], text.Select(p => p.Key));
        Assert.DoesNotContain("null", CardSerializer.ToJson(card), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_ExecuteActionData_WrittenAsGiven()
    {
        var card = new AdaptiveCard
        {
            Actions = [new ExecuteAction("idea.submit") { Data = new JsonObject { ["verb"] = "idea.submit", ["formId"] = "f-1", ["page"] = 2 } }],
        };

        var action = Parse(CardSerializer.ToJson(card))["actions"]![0]!;

        Assert.Equal("idea.submit", (string?)action["verb"]);
        Assert.Equal("f-1", (string?)action["data"]!["formId"]);
        Assert.Equal(2, (int?)action["data"]!["page"]);
    }

    [Fact]
    public void SizeInBytes_NonAsciiText_CountsUtf8Bytes()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("é")] };

        var size = CardSerializer.SizeInBytes(card);

        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(CardSerializer.ToJson(card)), size);
    }

    [Fact]
    public void ToAttachment_Card_HasAdaptiveCardContentTypeAndTheCardAsContent()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Your ideas")] };

        var attachment = CardSerializer.ToAttachment(card);

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var content = Assert.IsType<JObject>(attachment.Content);
        Assert.Equal("AdaptiveCard", content.Value<string>("type"));
        Assert.Equal("1.5", content.Value<string>("version"));
        Assert.Equal("Your ideas", content["body"]![0]!.Value<string>("text"));
    }

    [Fact]
    public void ToInvokeResponse_Card_IsStatus200WithTheCardAsValue()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Triage")] };

        var response = CardSerializer.ToInvokeResponse(card);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/vnd.microsoft.card.adaptive", response.Type);
        var value = Assert.IsType<JObject>(response.Value);
        Assert.True(JToken.DeepEquals(JObject.Parse(CardSerializer.ToJson(card)), value));
    }

    [Fact]
    public void MessageResponse_Text_IsStatus200MessageWithTheText()
    {
        var response = CardSerializer.MessageResponse("Saved.");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
        Assert.Equal("Saved.", response.Value);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static IEnumerable<string> AllPropertyNames(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => AllPropertyNames(p.Value).Prepend(p.Key)),
        JsonArray array => array.SelectMany(AllPropertyNames),
        _ => [],
    };

    private static CardElement Element(Type type) => type.Name switch
    {
        nameof(TextBlock) => new TextBlock("Text"),
        nameof(FactSet) => new FactSet { Facts = [new Fact("Status", "Pilot")] },
        nameof(Container) => new Container { Items = [new TextBlock("Inside")] },
        nameof(ActionSet) => new ActionSet { Actions = [new ExecuteAction("triage.page")] },
        nameof(InputText) => new InputText { Id = "title", Label = "Title" },
        nameof(InputChoiceSet) => new InputChoiceSet { Id = "unit", Label = "Unit", Choices = [new Choice("Finance", "Finance")] },
        nameof(InputToggle) => new InputToggle("Personal data") { Id = "personalData" },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Name, null),
    };

    private static CardAction Action(Type type) => type.Name switch
    {
        nameof(ExecuteAction) => new ExecuteAction("idea.submit") { Title = "Submit" },
        nameof(SubmitAction) => new SubmitAction { Title = "Submit" },
        nameof(OpenUrlAction) => new OpenUrlAction("https://example.com") { Title = "Open" },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Name, null),
    };
}
