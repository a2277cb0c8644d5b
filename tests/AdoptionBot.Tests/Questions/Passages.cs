using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Questions;

/// <summary>Retrieved passages built the way the indexer builds chunks.</summary>
public static class Passages
{
    private static readonly DocumentChunker Chunker = new(new SourceLinks(Options.Create(new KnowledgeOptions
    {
        Path = Path.Combine(Path.GetTempPath(), "knowledge"),
        SourceBaseUrl = "https://nordhafen.sharepoint.com/sites/genai/Knowledge",
    })));

    public static RetrievedPassage Guideline(string file, string heading, string text, double relevance = 0.7) =>
        new(Chunker.Chunk(file, new ParsedDocument(Path.GetFileNameWithoutExtension(file), [new DocumentSection([heading], [text])]))[0], relevance, relevance);

    public static RetrievedPassage UseCase(string id, string title, string summary, string unit, string stage, string owner, double relevance = 0.7) =>
        new(Chunker.Chunk("use-cases/catalogue.csv", new UseCase(id, title, summary, unit, stage, owner, [])), relevance, relevance);
}
