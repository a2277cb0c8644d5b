using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

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

    /// <param name="time">The clock of the per-file deadline (Knowledge:MaxFileSeconds); by default a fake one that never reaches it.</param>
    public static KnowledgeScanner Scanner(IOptions<KnowledgeOptions> options, ILogger<KnowledgeScanner>? logger = null, TimeProvider? time = null) =>
        new(options, Readers(), new DocumentChunker(new SourceLinks(options)), time ?? new FakeTimeProvider(), logger ?? NullLogger<KnowledgeScanner>.Instance);
}
