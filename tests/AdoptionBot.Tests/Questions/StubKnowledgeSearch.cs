using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Tests.Questions;

/// <summary>Returns the passages the test chose, whatever the question, and remembers what was asked.</summary>
public sealed class StubKnowledgeSearch(params RetrievedPassage[] passages) : IKnowledgeSearch
{
    public bool IsReady => true;

    /// <summary>Empty: the evidence model, fitted for the embedded default's model, is not applied; set it to that model's id to apply it.</summary>
    public string EmbeddingModelId { get; init; } = "";

    public bool ReadsOnlyEnglish { get; init; }

    public List<(string Query, int Top)> Searches { get; } = [];

    /// <summary>What <see cref="FindUnknownTermsAsync"/> answers: words the test declares unknown to the knowledge base.</summary>
    public List<string> UnknownTerms { get; } = [];

    /// <summary>The filter of every search, in order.</summary>
    public List<KnowledgeFilter> Filters { get; } = [];

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
        SearchAsync(query, top, KnowledgeFilter.Shared, cancellationToken);

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, KnowledgeFilter filter, CancellationToken cancellationToken)
    {
        Searches.Add((query, top));
        Filters.Add(filter);
        return Task.FromResult<IReadOnlyList<RetrievedPassage>>(passages.Where(p => filter.Matches(p.Chunk)).Take(top).ToList());
    }

    public Task<IReadOnlyList<string>> FindUnknownTermsAsync(string query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(UnknownTerms.Where(t => query.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList());

    public Task<IReadOnlyList<string>> GetBusinessUnitsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(passages.Select(p => p.Chunk.BusinessUnit).OfType<string>().Distinct().Order().ToList());
}
