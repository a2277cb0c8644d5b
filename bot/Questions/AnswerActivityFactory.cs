using AdoptionBot.Core;
using AdoptionBot.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Questions;

/// <summary>
/// Builds the Teams reply for an answer: Markdown text with [n] markers, the schema.org Message entity that carries
/// the AI label and one Claim per citation (Teams' limits: 20 citations, 80-character name, 160-character abstract,
/// 3 keywords of 28 characters), and channelData that turns on the thumbs up/down feedback loop.
/// </summary>
public static class AnswerActivityFactory
{
    public const int MaxCitations = 20;
    public const int MaxNameLength = 80;
    public const int MaxAbstractLength = 160;
    private const int MaxKeywords = 3;
    private const int MaxKeywordLength = 28;

    public static Activity Build(Answer answer)
    {
        var activity = MessageFactory.Text(answer.Text);
        activity.TextFormat = TextFormatTypes.Markdown;
        activity.ChannelData = new JObject { ["feedbackLoopEnabled"] = true };
        if (answer.IsCovered && answer.Citations.Count > 0)
        {
            activity.Entities = [CitationEntity(answer.Citations)];
        }

        return activity;
    }

    internal static Entity CitationEntity(IReadOnlyList<Citation> citations)
    {
        var claims = new JArray(citations.Take(MaxCitations).Select(c => new JObject
        {
            ["@type"] = "Claim",
            ["position"] = c.Number,
            ["appearance"] = new JObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = Truncate(c.Chunk.Title, MaxNameLength),
                ["abstract"] = Truncate(c.Excerpt.Replace("**", "", StringComparison.Ordinal), MaxAbstractLength),
                ["keywords"] = new JArray(Keywords(c.Chunk).ToArray<object>()),
            },
        }));
        foreach (var (claim, citation) in claims.Cast<JObject>().Zip(citations))
        {
            if (IsWebLink(citation.Chunk.Url))
            {
                claim["appearance"]!["url"] = citation.Chunk.Url;
            }
        }

        var entity = new Entity("https://schema.org/Message");
        entity.Properties["@type"] = "Message";
        entity.Properties["@context"] = "https://schema.org";
        entity.Properties["@id"] = "";
        entity.Properties["additionalType"] = new JArray("AIGeneratedContent");
        entity.Properties["citation"] = claims;
        return entity;
    }

    // An index written before links needed Knowledge:SourceBaseUrl may still hold file:// paths: never shown.
    private static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static IEnumerable<string> Keywords(KnowledgeChunk chunk)
    {
        var candidates = chunk.IsSection
            ? chunk.HeadingPath.Split(" › ", StringSplitOptions.RemoveEmptyEntries).Reverse()
            : new[] { chunk.BusinessUnit, PipelineStages.DisplayName(chunk.Stage) }.OfType<string>();
        return candidates.Select(k => Truncate(k, MaxKeywordLength)).Where(k => k.Length > 0).Take(MaxKeywords);
    }

    internal static string Truncate(string text, int max) => TextCut.Excerpt(text, max);
}
