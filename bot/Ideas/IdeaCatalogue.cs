using System.Security.Cryptography;
using System.Text;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas;

/// <summary>
/// Puts ideas at proof of concept or later into the searchable catalogue, one chunk each (cited as
/// "IDEA-0001 — Title"), and takes them out when they are parked or rejected.
/// </summary>
public sealed class IdeaCatalogue(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    DocumentChunker chunker,
    KnowledgeIndexer indexer,
    IOptions<KnowledgeOptions> knowledge) : IExternalKnowledgeSource, IIdeaCatalogueNotifier
{
    public string Prefix => KnowledgeIndexer.ExternalSourcePrefix + "ideas/";

    public async Task<IReadOnlyList<ExternalDocument>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ideas = await db.Ideas.AsNoTracking().Where(i => IdeaStatuses.InCatalogue.Contains(i.Status)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return ideas.Select(Document).ToList();
    }

    public Task IdeaChangedAsync(int ideaId, CancellationToken cancellationToken) => indexer.SyncExternalAsync(this, cancellationToken);

    private ExternalDocument Document(Idea idea)
    {
        var facts = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(idea.Solution))
        {
            facts.Add(new("solution", idea.Solution));
        }

        if (!string.IsNullOrWhiteSpace(idea.Benefit))
        {
            facts.Add(new("benefit", idea.Benefit));
        }

        facts.Add(new("data_classification", idea.DataClassification));
        var path = Prefix + idea.DisplayId;
        var useCase = new UseCase(idea.DisplayId, idea.Title, idea.Problem, idea.BusinessUnit, idea.Status, idea.SubmitterName, facts);
        var baseUrl = knowledge.Value.SourceBaseUrl;
        var chunk = chunker.Chunk(path, useCase) with
        {
            Kind = SourceKind.Idea,
            Url = string.IsNullOrWhiteSpace(baseUrl) ? "" : $"{baseUrl.TrimEnd('/')}/ideas/{idea.DisplayId}",
            Tenant = idea.TenantId,
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chunk.Title + "\n" + chunk.Text + "\n" + chunk.Stage + "\n" + chunk.Tenant)));
        return new ExternalDocument(path, hash, [chunk]);
    }
}
