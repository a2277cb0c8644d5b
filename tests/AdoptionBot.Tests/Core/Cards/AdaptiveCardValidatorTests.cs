using System.Text.Json.Nodes;
using AdoptionBot.Tests.Support;
using Xunit.Sdk;

namespace AdoptionBot.Tests.Core.Cards;

public sealed class AdaptiveCardValidatorTests
{
    private static readonly AdaptiveCardValidator Validator = AdaptiveCardValidator.Shared;

    [Fact]
    public async Task ValidateAsync_Version15CardWithInputsFactSetAndExecuteAction_ReturnsNoErrors()
    {
        var card = ReadCard("idea-form.json");

        var errors = await Validator.ValidateAsync(card);

        Assert.Empty(errors);
        await Validator.AssertValidAsync(card);
    }

    [Theory]
    [InlineData("unknown-element.json", "[parse] UnknownElementType", "\"Input.Slider\"")]
    [InlineData("wrong-property-type.json", "[strict] InvalidPropertyType", "\"maxLength\" must be number, not string")]
    [InlineData("invalid-enum-value.json", "[parse] InvalidPropertyValue", "\"huge\" for property \"size\"")]
    [InlineData("version-1.6.json", "[validation] UnsupportedCardVersion", "(1.6)")]
    [InlineData("property-from-1.6.json", "[parse] UnsupportedProperty", "\"labelPosition\" is supported in version 1.6")]
    [InlineData("input-without-id.json", "[validation] PropertyCantBeNull", "inputs must have a unique Id")]
    [InlineData("unknown-property.json", "[strict] UnknownProperty", "no property \"isMultiLine\"")]
    [InlineData("missing-required-property.json", "[strict] MissingProperty", "TextBlock has no \"text\"")]
    [InlineData("required-input-without-label.json", "[validation] RequiredInputsShouldHaveLabel", "Input.Text id \"title\"")]
    public async Task ValidateAsync_CardWithOneProblem_ReturnsOneErrorNamingIt(string file, string kind, string detail)
    {
        var card = ReadCard(file);

        var errors = await Validator.ValidateAsync(card);

        var error = Assert.Single(errors);
        Assert.StartsWith(kind, error, StringComparison.Ordinal);
        Assert.Contains(detail, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_TeamsChartWithAFallbackElement_HasNoErrors()
    {
        var errors = await Validator.ValidateAsync(ReadCard("chart-with-fallback.json"));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("chart-without-fallback.json", "[teams] MissingFallback")]
    [InlineData("chart-with-text-values.json", "[teams] InvalidPropertyType")]
    public async Task ValidateAsync_MalformedTeamsChart_IsAnError_AndTheRendererStillReportsTheUnknownType(string file, string kind)
    {
        var errors = await Validator.ValidateAsync(ReadCard(file));

        Assert.Equal(2, errors.Count);
        Assert.StartsWith(kind, errors[0], StringComparison.Ordinal);
        Assert.StartsWith("[parse] UnknownElementType", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_CardOver28KB_ReturnsOnlyTheSizeError()
    {
        var card = JsonNode.Parse(ReadCard("idea-form.json"))!.AsObject();
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', 28 * 1024), ["wrap"] = true });
        var json = card.ToJsonString();

        var errors = await Validator.ValidateAsync(json);

        var error = Assert.Single(errors);
        Assert.StartsWith("[size] TooLarge", error, StringComparison.Ordinal);
        Assert.Contains($"{json.Length:N0} bytes", error, StringComparison.Ordinal);
        Assert.Contains("under 28 KB", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_TextThatIsNotJson_ReturnsInvalidJson()
    {
        var errors = await Validator.ValidateAsync("{ \"type\": \"AdaptiveCard\", ");

        Assert.StartsWith("[input] InvalidJson", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertValidAsync_CardWithSeveralProblems_FailsListingEachOne()
    {
        var card = """
            {
              "type": "AdaptiveCard",
              "version": "1.5",
              "body": [
                { "type": "Input.Slider", "id": "impact" },
                { "type": "Input.Text", "label": "Title", "maxLength": "120" }
              ]
            }
            """;

        var failure = await Assert.ThrowsAsync<FailException>(() => Validator.AssertValidAsync(card));

        Assert.Contains("3 problem(s)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown element type \"Input.Slider\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"maxLength\" must be number", failure.Message, StringComparison.Ordinal);
        Assert.Contains("inputs must have a unique Id", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ManyCardsAtOnce_ReturnsEachCardItsOwnResult()
    {
        var valid = ReadCard("idea-form.json");
        var invalid = ReadCard("unknown-element.json");
        var cards = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? valid : invalid).ToList();

        var results = await Task.WhenAll(cards.Select(card => Task.Run(() => Validator.ValidateAsync(card))));

        for (var i = 0; i < cards.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? 0 : 1, results[i].Count);
        }
    }

    private static string ReadCard(string file) => File.ReadAllText(TestPaths.TestData("CardValidation", file));
}
