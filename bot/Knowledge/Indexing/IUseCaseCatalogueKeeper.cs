using AdoptionBot.Knowledge.Reading;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>
/// The module that keeps the use-case catalogue in its own store. When one is registered, the folder sync does not index
/// the catalogue files (use-cases/) itself: it hands them to the keeper, which imports their rows, and the keeper's
/// <see cref="IExternalKnowledgeSource"/> lists the catalogue for the index instead.
/// </summary>
public interface IUseCaseCatalogueKeeper
{
    /// <summary>Called in every sync, before the index is written, with every catalogue file and how to read one.</summary>
    Task ImportAsync(IReadOnlyList<KnowledgeFile> files, Func<KnowledgeFile, CancellationToken, Task<IReadOnlyList<UseCase>>> read, CancellationToken cancellationToken);
}
