using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas;

/// <summary>
/// The searchable catalogue as the store keeps it: every published use case, one chunk each, cited as
/// "UC-101 — Title" or "IDEA-0001 — Title". The catalogue files' rows are in the store (<see cref="CatalogueImporter"/>),
/// ideas join when they reach proof of concept, parked ones stay with their reason, rejected ones leave.
/// </summary>
public sealed class IdeaCatalogue(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    DocumentChunker chunker,
    IOptions<KnowledgeOptions> knowledge) : IExternalKnowledgeSource
{
    public string Prefix => KnowledgeIndexer.ExternalSourcePrefix + "ideas/";

    public async Task<IReadOnlyList<ExternalDocument>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ideas = await db.Ideas.AsNoTracking().Where(i => i.Published).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return ideas.Select(Document).ToList();
    }

    private ExternalDocument Document(Idea idea)
    {
        var facts = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                facts.Add(new(name, value.Trim()));
            }
        }

        Add("solution", idea.Solution);
        Add("benefit", idea.Benefit);
        Add("data_classification", idea.DataClassification);
        foreach (var (name, value) in StoredFacts.Read(idea.Facts))
        {
            Add(name, value);
        }

        Add("contact", idea.OwnerContact);
        Add("links", idea.ReportLinks);
        Add("parked_because", idea.Status == Core.PipelineStages.Parked ? idea.ParkedReason : null);
        var path = Prefix + idea.DisplayId;
        var owner = string.IsNullOrWhiteSpace(idea.OwnerName) ? idea.SubmitterName : idea.OwnerName;
        var useCase = new UseCase(idea.DisplayId, idea.Title, idea.Problem, idea.BusinessUnit, idea.Status, owner, facts, idea.Details);
        var baseUrl = knowledge.Value.SourceBaseUrl;
        var chunk = chunker.Chunk(path, useCase) with
        {
            Kind = idea.Origin == IdeaOrigins.Teams ? SourceKind.Idea : SourceKind.UseCase,
            Url = string.IsNullOrWhiteSpace(baseUrl) ? "" : $"{baseUrl.TrimEnd('/')}/ideas/{Uri.EscapeDataString(idea.DisplayId)}",
            Tenant = idea.TenantId,
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chunk.Title + "\n" + chunk.Text + "\n" + chunk.Stage + "\n" + chunk.Tenant + "\n" + chunk.Kind + "\n" + chunk.Keywords)));
        return new ExternalDocument(path, hash, [chunk]);
    }
}

/// <summary>Brings the index in line with the store's catalogue when a use case enters, changes in or leaves it.</summary>
public sealed class IdeaCatalogueSync(KnowledgeIndexer indexer, IdeaCatalogue catalogue) : IIdeaCatalogueNotifier
{
    public Task IdeaChangedAsync(int ideaId, CancellationToken cancellationToken) => indexer.SyncExternalAsync(catalogue, cancellationToken);
}

/// <summary>The further catalogue columns of a use case (tools, tags, KPI, …), kept in their order as a JSON array of [name, value] pairs.</summary>
public static class StoredFacts
{
    public static string? Write(IReadOnlyList<KeyValuePair<string, string>> facts) =>
        facts.Count == 0 ? null : JsonSerializer.Serialize(facts.Select(f => new[] { f.Key, f.Value }));

    public static IReadOnlyList<KeyValuePair<string, string>> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return (JsonSerializer.Deserialize<string[][]>(json) ?? [])
                .Where(pair => pair is { Length: 2 } && pair[0] is not null && pair[1] is not null)
                .Select(pair => new KeyValuePair<string, string>(pair[0], pair[1]))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
