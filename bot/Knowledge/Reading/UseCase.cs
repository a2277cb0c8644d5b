namespace AdoptionBot.Knowledge.Reading;

/// <summary>One entry of the use-case catalogue. Columns beyond the known ones are kept in <see cref="Facts"/>.</summary>
public sealed record UseCase(
    string Id,
    string Title,
    string Summary,
    string BusinessUnit,
    string Stage,
    string Owner,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    string? Body = null)
{
    /// <summary>How a use case is cited: "UC-101 — Warranty claim summariser".</summary>
    public string CitationTitle => $"{Id} — {Title}";
}

/// <summary>The result of reading one catalogue file: the valid use cases and a reason for each skipped entry.</summary>
public sealed record CatalogueReadResult(IReadOnlyList<UseCase> UseCases, IReadOnlyList<string> Skipped);
