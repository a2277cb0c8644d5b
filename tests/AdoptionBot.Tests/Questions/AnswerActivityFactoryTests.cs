using System.Text.RegularExpressions;
using AdoptionBot.Knowledge;
using AdoptionBot.Questions;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Tests.Questions;

public sealed partial class AnswerActivityFactoryTests
{
    [Fact]
    public void Build_CoveredAnswer_CarriesSchemaOrgMessageWithAiLabel()
    {
        var activity = AnswerActivityFactory.Build(Covered(2));

        var entity = Assert.Single(activity.Entities);
        Assert.Equal("https://schema.org/Message", entity.Type);
        Assert.Equal("Message", (string?)entity.Properties["@type"]);
        Assert.Equal("https://schema.org", (string?)entity.Properties["@context"]);
        Assert.Equal(["AIGeneratedContent"], ((JArray)entity.Properties["additionalType"]!).Values<string>());
    }

    [Fact]
    public void Build_CoveredAnswer_ClaimPositionsMatchTheMarkersInTheText()
    {
        var answer = Covered(3);

        var activity = AnswerActivityFactory.Build(answer);

        var positions = Claims(activity).Select(c => (int)c["position"]!).ToList();
        var markers = Marker().Matches(activity.Text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([1, 2, 3], positions);
        Assert.Equal(positions, markers);
    }

    [Fact]
    public void Build_Claim_DescribesTheSourceDocument()
    {
        var activity = AnswerActivityFactory.Build(Covered(1));

        var appearance = Claims(activity)[0]["appearance"]!;
        Assert.Equal("Claim", (string?)Claims(activity)[0]["@type"]);
        Assert.Equal("DigitalDocument", (string?)appearance["@type"]);
        Assert.Equal("Guide 1", (string?)appearance["name"]);
        Assert.Equal("Excerpt number 1.", (string?)appearance["abstract"]);
        Assert.Equal("https://nordhafen.sharepoint.com/guides/1.md#section-1", (string?)appearance["url"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("file:///srv/adoptionbot/knowledge/guides/1.md#section-1")]
    [InlineData("guides/1.md")]
    public void Build_ChunkWithoutAWebLink_ClaimNamesTitleAndHeadingWithNoUrl(string url)
    {
        var chunk = new KnowledgeChunk("guides/1.md#0", "guides/1.md", "guides/1.md", SourceKind.Guideline, "Guide 1", "Section 1", "Text.", url);
        var answer = new Answer(AnswerOutcomes.Answered, "Answer. [1]", [new Citation(1, chunk, "Text.")], 0.8);

        var appearance = (JObject)Claims(AnswerActivityFactory.Build(answer))[0]["appearance"]!;

        Assert.False(appearance.ContainsKey("url"));
        Assert.Equal("Guide 1", (string?)appearance["name"]);
        Assert.Equal(["Section 1"], appearance["keywords"]!.Values<string>());
    }

    [Fact]
    public void Build_LongTitleExcerptAndHeadings_TrimmedToTeamsLimits()
    {
        var chunk = new KnowledgeChunk(
            "guides/long.md#0",
            "guides/long.md",
            "guides/long.md",
            SourceKind.Guideline,
            "A guideline title that goes on and on well beyond what Teams shows in a citation card header",
            "Responsible use of generative AI across all plants › Data classification and handling rules › Internal and confidential data › Exceptions for pilots",
            "Text.",
            "https://nordhafen.sharepoint.com/guides/long.md");
        var excerpt = "**Bold** " + string.Join(' ', Enumerable.Repeat("excerpt", 40));
        var answer = new Answer(AnswerOutcomes.Answered, "Answer. [1]", [new Citation(1, chunk, excerpt)], 0.8);

        var appearance = Claims(AnswerActivityFactory.Build(answer))[0]["appearance"]!;

        var name = (string)appearance["name"]!;
        var @abstract = (string)appearance["abstract"]!;
        var keywords = appearance["keywords"]!.Values<string>().ToList();
        Assert.InRange(name.Length, 1, AnswerActivityFactory.MaxNameLength);
        Assert.EndsWith("…", name, StringComparison.Ordinal);
        Assert.InRange(@abstract.Length, 1, AnswerActivityFactory.MaxAbstractLength);
        Assert.DoesNotContain("**", @abstract, StringComparison.Ordinal);
        Assert.InRange(keywords.Count, 1, 3);
        Assert.All(keywords, k => Assert.InRange(k!.Length, 1, 28));
        Assert.Equal("Exceptions for pilots", keywords[0]);
    }

    [Fact]
    public void Build_UseCaseCitation_KeywordsAreUnitAndStage()
    {
        var chunk = new KnowledgeChunk("UC-101#0", "UC-101", "use-cases/catalogue.csv", SourceKind.UseCase, "UC-101 — Warranty claim summariser", "", "Text.", "https://x.example/uc-101", "After-sales", "pilot");
        var answer = new Answer(AnswerOutcomes.Answered, "Answer. [1]", [new Citation(1, chunk, "Summary.")], 0.8);

        var appearance = Claims(AnswerActivityFactory.Build(answer))[0]["appearance"]!;

        Assert.Equal(["After-sales", "Pilot"], appearance["keywords"]!.Values<string>());
    }

    [Fact]
    public void Build_MoreThanTwentyCitations_OnlyTwentyClaims()
    {
        var activity = AnswerActivityFactory.Build(Covered(25));

        Assert.Equal(AnswerActivityFactory.MaxCitations, Claims(activity).Count);
        Assert.Equal(Enumerable.Range(1, 20), Claims(activity).Select(c => (int)c["position"]!));
    }

    [Fact]
    public void Build_NotCoveredAnswer_NoEntity()
    {
        var answer = new Answer(AnswerOutcomes.NotCovered, "The guidelines don't cover this.", [], 0.2);

        var activity = AnswerActivityFactory.Build(answer);

        Assert.True(activity.Entities is null || activity.Entities.Count == 0);
        Assert.Equal("The guidelines don't cover this.", activity.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Build_AnyAnswer_FeedbackLoopEnabledAndMarkdown(bool covered)
    {
        var answer = covered ? Covered(1) : new Answer(AnswerOutcomes.NotCovered, "Not covered.", [], 0);

        var activity = AnswerActivityFactory.Build(answer);

        Assert.True((bool)((JObject)activity.ChannelData)["feedbackLoopEnabled"]!);
        Assert.Equal(TextFormatTypes.Markdown, activity.TextFormat);
        Assert.Equal(ActivityTypes.Message, activity.Type);
    }

    [Fact]
    public void Build_CoveredAnswer_EntitySurvivesJsonRoundTrip()
    {
        var activity = AnswerActivityFactory.Build(Covered(2));

        var json = JObject.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(activity));

        var entity = (JObject)json["entities"]![0]!;
        Assert.Equal("https://schema.org/Message", (string?)entity["type"]);
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal(2, ((JArray)entity["citation"]!).Count);
    }

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("one two three four", 10, "one two t…")]
    public void Truncate_Text_FitsTheLimitWithEllipsis(string text, int max, string expected)
    {
        Assert.Equal(expected, AnswerActivityFactory.Truncate(text, max));
    }

    private static Answer Covered(int citations)
    {
        var list = Enumerable.Range(1, citations)
            .Select(i => new Citation(
                i,
                new KnowledgeChunk($"guides/{i}.md#0", $"guides/{i}.md", $"guides/{i}.md", SourceKind.Guideline, $"Guide {i}", $"Section {i}", $"Excerpt number {i}.", $"https://nordhafen.sharepoint.com/guides/{i}.md#section-{i}"),
                $"Excerpt number {i}."))
            .ToList();
        var text = string.Join('\n', list.Select(c => $"- {c.Excerpt} [{c.Number}]"));
        return new Answer(AnswerOutcomes.Answered, text, list, 0.8);
    }

    private static List<JToken> Claims(Activity activity) =>
        [.. (JArray)Assert.Single(activity.Entities).Properties["citation"]!];

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
