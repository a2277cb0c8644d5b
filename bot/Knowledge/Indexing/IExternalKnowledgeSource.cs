namespace AdoptionBot.Knowledge.Indexing;

/// <summary>One indexable document that does not come from the knowledge folder (an idea, say).</summary>
/// <param name="Path">Unique, starting with the source's prefix, e.g. "@ideas/IDEA-0001".</param>
public sealed record ExternalDocument(string Path, string ContentHash, IReadOnlyList<KnowledgeChunk> Chunks);

/// <summary>Knowledge kept elsewhere than in files, indexed beside them with the same content-hash rules.</summary>
public interface IExternalKnowledgeSource
{
    /// <summary>Starts with <see cref="KnowledgeIndexer.ExternalSourcePrefix"/>; the source owns every index entry under it.</summary>
    string Prefix { get; }

    Task<IReadOnlyList<ExternalDocument>> ListAsync(CancellationToken cancellationToken);
}
