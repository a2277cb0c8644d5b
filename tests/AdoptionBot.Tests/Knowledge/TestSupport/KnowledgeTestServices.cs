using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Knowledge.TestSupport;

/// <summary>Builds the knowledge services the way the bot wires them, over a folder chosen by the test.</summary>
public static class KnowledgeTestServices
{
    public static IOptions<KnowledgeOptions> Options(string knowledgePath, string? indexFile = null, string? sourceBaseUrl = null, int batchSize = 32) =>
        Microsoft.Extensions.Options.Options.Create(new KnowledgeOptions
        {
            Path = knowledgePath,
            IndexFile = indexFile ?? System.IO.Path.Combine(knowledgePath, ".index", "knowledge-index.db"),
            SourceBaseUrl = sourceBaseUrl,
            EmbeddingBatchSize = batchSize,
        });

    public static IDocumentReader[] Readers() =>
        [new MarkdownReader(), new PlainTextReader(), new HtmlReader(), new PdfReader(), new DocxReader()];

    public static KnowledgeScanner Scanner(IOptions<KnowledgeOptions> options, ILogger<KnowledgeScanner>? logger = null) =>
        new(options, Readers(), new DocumentChunker(new SourceLinks(options)), logger ?? NullLogger<KnowledgeScanner>.Instance);
}
