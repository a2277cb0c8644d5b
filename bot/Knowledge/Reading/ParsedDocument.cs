namespace AdoptionBot.Knowledge.Reading;

/// <summary>A guideline document reduced to its structure: a title and sections under headings.</summary>
public sealed record ParsedDocument(string? Title, IReadOnlyList<DocumentSection> Sections);

/// <summary>
/// The blocks (paragraphs, list items, table rows) that stand under one heading path.
/// A table row is flattened to "Column: value; Column: value" so it reads on its own.
/// </summary>
public sealed record DocumentSection(IReadOnlyList<string> Headings, IReadOnlyList<string> Blocks);

/// <summary>
/// Reads one file format into a <see cref="ParsedDocument"/>. Throws <see cref="InvalidDataException"/> on a bad file,
/// <see cref="KnowledgeFileTooLargeException"/> over the size limit and <see cref="OperationCanceledException"/> once
/// the limits' stop is signalled.
/// </summary>
public interface IDocumentReader
{
    IReadOnlyCollection<string> Extensions { get; }

    /// <param name="limits">Null: <see cref="ReadLimits.Default"/>.</param>
    ParsedDocument Read(string path, ReadLimits? limits = null);
}
