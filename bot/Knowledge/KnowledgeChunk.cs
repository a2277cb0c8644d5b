namespace AdoptionBot.Knowledge;

/// <summary>What kind of source a chunk comes from.</summary>
public enum SourceKind
{
    Guideline,
    UseCase,
    Idea,

    /// <summary>An FAQ entry: a question and an expert's answer written in Teams, read like a guideline section.</summary>
    Faq,
}

/// <summary>One retrievable piece of the knowledge base: a section of a guideline, or one use case.</summary>
/// <param name="ChunkKey">Stable key: the source id plus the chunk's ordinal within it.</param>
/// <param name="SourceId">A guideline's path relative to the knowledge folder, or a use case id (UC-101).</param>
/// <param name="FilePath">The file the chunk was read from, relative to the knowledge folder.</param>
/// <param name="HeadingPath">The headings above the chunk, outermost first, joined with " › ".</param>
/// <param name="Tenant">The Microsoft 365 tenant the chunk belongs to (an idea); null for what every reader may see.</param>
public sealed record KnowledgeChunk(
    string ChunkKey,
    string SourceId,
    string FilePath,
    SourceKind Kind,
    string Title,
    string HeadingPath,
    string Text,
    string Url,
    string? BusinessUnit = null,
    string? Stage = null,
    string? Keywords = null,
    string? Tenant = null)
{
    /// <summary>The text handed to the embedding model: the chunk with its document context.</summary>
    public string EmbeddingText => HeadingPath.Length == 0 ? $"{Title}. {Text}" : $"{Title} › {HeadingPath}. {Text}";

    /// <summary>A section of a document (a guideline, an FAQ entry), quoted by its best sentences; else one use case.</summary>
    public bool IsSection => Kind is SourceKind.Guideline or SourceKind.Faq;

    /// <summary>Text someone typed in Teams (an idea, an FAQ entry): quoted to others as text, never as Markdown.</summary>
    public bool IsWrittenInTeams => Kind is SourceKind.Idea or SourceKind.Faq;

    /// <summary>The owner of a use case or idea, read from the "Owner: ..." fact the chunker writes on its second line.</summary>
    public string? Owner => IsSection
        ? null
        : Text.Split('\n').Skip(1).FirstOrDefault()?.Split("Owner: ").ElementAtOrDefault(1)?.TrimEnd('.');
}
