using AdoptionBot.Core;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Reading;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Ideas;

/// <summary>
/// Imports the catalogue files' rows into the store, where the portfolio keeps every use case. A row is kept by its id
/// (UC-101): one the store does not have yet is added (published, as the catalogue is); one it has is never
/// overwritten, and where the file says otherwise the fields that differ are logged, once each time the file changes.
/// </summary>
public sealed class CatalogueImporter(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    TimeProvider time,
    ILogger<CatalogueImporter> logger) : IUseCaseCatalogueKeeper
{
    public const string ImporterName = "Catalogue import";

    public async Task ImportAsync(IReadOnlyList<KnowledgeFile> files, Func<KnowledgeFile, CancellationToken, Task<IReadOnlyList<UseCase>>> read, CancellationToken cancellationToken)
    {
        Dictionary<string, string> imported;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            imported = await db.CatalogueImports.AsNoTracking().ToDictionaryAsync(c => c.Path, c => c.ContentHash, StringComparer.Ordinal, cancellationToken);
        }

        foreach (var file in files)
        {
            if (imported.TryGetValue(file.RelativePath, out var hash) && hash == file.ContentHash)
            {
                continue;
            }

            var useCases = await read(file, cancellationToken);
            try
            {
                await ImportFileAsync(file, useCases, cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another instance imported the same rows at the same moment: what it added is kept; the rest now follows.
                await ImportFileAsync(file, useCases, cancellationToken);
            }
        }
    }

    private async Task ImportFileAsync(KnowledgeFile file, IReadOnlyList<UseCase> useCases, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var byRef = useCases
            .Select(u => (Ref: NormalizeRef(u.Id), UseCase: u))
            .Where(u => u.Ref.Length > 0)
            .DistinctBy(u => u.Ref, StringComparer.Ordinal)
            .ToList();
        var refs = byRef.Select(u => u.Ref).ToList();
        var existing = await db.Ideas.AsNoTracking().Where(i => i.ExternalRef != null && refs.Contains(i.ExternalRef)).ToDictionaryAsync(i => i.ExternalRef!, StringComparer.Ordinal, cancellationToken);
        var added = 0;
        foreach (var (reference, useCase) in byRef)
        {
            var fromFile = ToIdea(reference, useCase, file.RelativePath, now);
            if (existing.TryGetValue(reference, out var kept))
            {
                var differences = Differences(kept, fromFile);
                if (differences.Count > 0)
                {
                    CatalogueLog.RowDiffers(logger, reference, file.RelativePath, string.Join(", ", differences));
                }

                continue;
            }

            db.Ideas.Add(fromFile);
            added++;
        }

        var record = await db.CatalogueImports.FirstOrDefaultAsync(c => c.Path == file.RelativePath, cancellationToken);
        if (record is null)
        {
            db.CatalogueImports.Add(new CatalogueImport { Path = file.RelativePath, ContentHash = file.ContentHash, ImportedAtUtc = now });
        }
        else
        {
            record.ContentHash = file.ContentHash;
            record.ImportedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        CatalogueLog.FileImported(logger, file.RelativePath, added, byRef.Count - added);
    }

    /// <summary>"uc-101 " is UC-101: ids are kept trimmed and in capitals.</summary>
    public static string NormalizeRef(string id) => TextCut.Cut(id.Trim().ToUpperInvariant(), 40);

    /// <summary>A catalogue row as the store keeps it: a published use case that belongs to every tenant, as the catalogue file did.</summary>
    internal static Idea ToIdea(string reference, UseCase useCase, string sourcePath, DateTime now)
    {
        string? Fact(string name) => useCase.Facts.FirstOrDefault(f => f.Key == name).Value is { Length: > 0 } value ? value : null;

        var status = PipelineStages.FromText(useCase.Stage) is { } stage && stage != PipelineStages.Idea ? stage : PipelineStages.Submitted;
        var owner = string.IsNullOrWhiteSpace(useCase.Owner) ? "the catalogue" : TextCut.Cut(useCase.Owner.Trim(), 200);
        var rest = useCase.Facts.Where(f => f.Key is not ("benefit" or "data_classification" or "contact" or "links")).ToList();
        var idea = new Idea
        {
            FormId = "catalogue:" + reference,
            ExternalRef = reference,
            Origin = IdeaOrigins.Catalogue,
            Title = TextCut.Cut(useCase.Title.Trim(), IdeaSubmission.MaxTitle),
            Problem = TextCut.Cut(string.IsNullOrWhiteSpace(useCase.Summary) ? useCase.Title.Trim() : useCase.Summary.Trim(), IdeaSubmission.MaxProblem),
            BusinessUnit = TextCut.Cut(string.IsNullOrWhiteSpace(useCase.BusinessUnit) ? "Unassigned" : useCase.BusinessUnit.Trim(), 200),
            Benefit = Fact("benefit") is { } benefit ? TextCut.Cut(benefit, IdeaSubmission.MaxBenefit) : null,
            DataClassification = TextCut.Cut((Fact("data_classification") ?? "internal").ToLowerInvariant(), 40),
            Status = status,
            Published = true,
            SubmitterName = owner,
            OwnerName = string.IsNullOrWhiteSpace(useCase.Owner) ? null : owner,
            OwnerContact = Fact("contact") is { } contact ? TextCut.Cut(contact, 200) : null,
            ReportLinks = Fact("links") is { } links ? TextCut.Cut(links, 2000) : null,
            Facts = StoredFacts.Write(rest),
            Details = useCase.Body,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            StageEnteredAtUtc = now,
            Version = 1,
        };
        idea.History.Add(new IdeaStatusChange { ToStatus = status, Comment = $"Imported from {TextCut.Cut(sourcePath, 200)}", ChangedByName = ImporterName, ChangedAtUtc = now });
        return idea;
    }

    /// <summary>The names of the fields in which the file's row differs from the stored use case.</summary>
    internal static List<string> Differences(Idea stored, Idea fromFile)
    {
        var differences = new List<string>();
        void Compare(string name, string? a, string? b)
        {
            if (!string.Equals((a ?? "").Trim(), (b ?? "").Trim(), StringComparison.Ordinal))
            {
                differences.Add(name);
            }
        }

        Compare("title", stored.Title, fromFile.Title);
        Compare("summary", stored.Problem, fromFile.Problem);
        Compare("business unit", stored.BusinessUnit, fromFile.BusinessUnit);
        Compare("stage", stored.Status, fromFile.Status);
        Compare("owner", stored.OwnerName, fromFile.OwnerName);
        Compare("benefit", stored.Benefit, fromFile.Benefit);
        Compare("data classification", stored.DataClassification, fromFile.DataClassification);
        Compare("contact", stored.OwnerContact, fromFile.OwnerContact);
        Compare("links", stored.ReportLinks, fromFile.ReportLinks);
        return differences;
    }
}

internal static partial class CatalogueLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue file {File}: {Added} use cases added to the portfolio, {Kept} already there and kept as the portfolio has them")]
    public static partial void FileImported(ILogger logger, string file, int added, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{UseCase} in {File} differs from the portfolio in: {Fields}. The portfolio keeps its own; change it in the bot (portfolio import) if the file is right")]
    public static partial void RowDiffers(ILogger logger, string useCase, string file, string fields);
}
