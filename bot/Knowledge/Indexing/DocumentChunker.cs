using AdoptionBot.Core;
using AdoptionBot.Knowledge.Reading;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>
/// Cuts documents into chunks that follow their structure: a chunk never spans two sections, and a long section
/// is split between blocks near <see cref="TargetChars"/>. Each use case is exactly one chunk.
/// </summary>
public sealed class DocumentChunker(SourceLinks links)
{
    public const int TargetChars = 900;
    private const string HeadingSeparator = " › ";

    public IReadOnlyList<KnowledgeChunk> Chunk(string relativePath, ParsedDocument document)
    {
        var title = string.IsNullOrWhiteSpace(document.Title) ? Path.GetFileNameWithoutExtension(relativePath) : document.Title!;
        var chunks = new List<KnowledgeChunk>();
        foreach (var section in document.Sections)
        {
            var headingPath = string.Join(HeadingSeparator, section.Headings);
            var url = links.ForDocument(relativePath, section.Headings.Count > 0 ? section.Headings[^1] : null);
            foreach (var text in Pack(section.Blocks))
            {
                chunks.Add(new KnowledgeChunk($"{relativePath}#{chunks.Count}", relativePath, relativePath, SourceKind.Guideline, title, headingPath, text, url));
            }
        }

        return chunks;
    }

    public KnowledgeChunk Chunk(string relativePath, UseCase useCase)
    {
        var lines = new List<string>
        {
            $"{useCase.Id} {useCase.Title}: {EndSentence(useCase.Summary)}",
            $"Business unit: {useCase.BusinessUnit}. Stage: {PipelineStages.DisplayName(useCase.Stage)}. Owner: {useCase.Owner}.",
        };
        lines.AddRange(useCase.Facts.Select(f => $"{FactName(f.Key)}: {EndSentence(f.Value)}"));
        if (!string.IsNullOrWhiteSpace(useCase.Body))
        {
            lines.Add(useCase.Body!);
        }

        var keywords = string.Join(' ', new[] { useCase.Id, useCase.BusinessUnit, PipelineStages.DisplayName(useCase.Stage) }
            .Concat(useCase.Facts.Where(f => f.Key is "tags" or "tools").Select(f => f.Value)));
        return new KnowledgeChunk(
            $"{useCase.Id}#0",
            useCase.Id,
            relativePath,
            SourceKind.UseCase,
            useCase.CitationTitle,
            "",
            string.Join('\n', lines),
            links.ForUseCase(relativePath, useCase.Id),
            useCase.BusinessUnit,
            useCase.Stage,
            keywords);
    }

    /// <summary>Packs blocks into pieces of about <see cref="TargetChars"/>, one block per line; an oversized block stands alone.</summary>
    internal static IEnumerable<string> Pack(IReadOnlyList<string> blocks)
    {
        var current = new List<string>();
        var length = 0;
        foreach (var block in blocks)
        {
            if (current.Count > 0 && length + block.Length > TargetChars)
            {
                yield return string.Join('\n', current);
                current.Clear();
                length = 0;
            }

            current.Add(block);
            length += block.Length + 1;
        }

        if (current.Count > 0)
        {
            yield return string.Join('\n', current);
        }
    }

    private static string FactName(string key) =>
        key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' ');

    private static string EndSentence(string text) =>
        text.Length == 0 || text[^1] is '.' or '!' or '?' ? text : text + ".";
}
