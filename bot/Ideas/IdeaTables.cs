using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdoptionBot.Ideas;

/// <summary>The Ideas module's tables in the store: ideas (the portfolio's use cases), idea_status_changes, idea_forms and catalogue_imports.</summary>
internal static class IdeaTables
{
    extension(AdoptionBotDbContext db)
    {
        public DbSet<Idea> Ideas => db.Set<Idea>();

        public DbSet<IdeaStatusChange> IdeaStatusChanges => db.Set<IdeaStatusChange>();

        public DbSet<IdeaForm> IdeaForms => db.Set<IdeaForm>();

        public DbSet<CatalogueImport> CatalogueImports => db.Set<CatalogueImport>();
    }
}

internal sealed class IdeaConfiguration : IEntityTypeConfiguration<Idea>
{
    public void Configure(EntityTypeBuilder<Idea> entity)
    {
        entity.ToTable("ideas");
        entity.Property(i => i.Id).ValueGeneratedOnAdd();
        entity.Property(i => i.FormId).HasMaxLength(64);
        entity.HasIndex(i => i.FormId).IsUnique();
        entity.Property(i => i.Title).HasMaxLength(IdeaSubmission.MaxTitle);
        entity.Property(i => i.Problem).HasMaxLength(IdeaSubmission.MaxProblem);
        entity.Property(i => i.Solution).HasMaxLength(IdeaSubmission.MaxSolution);
        entity.Property(i => i.BusinessUnit).HasMaxLength(200);
        entity.Property(i => i.Benefit).HasMaxLength(IdeaSubmission.MaxBenefit);
        entity.Property(i => i.DataClassification).HasMaxLength(40);
        entity.Property(i => i.Status).HasMaxLength(20);
        entity.Property(i => i.SubmitterObjectId).HasMaxLength(64);
        entity.Property(i => i.SubmitterName).HasMaxLength(200);
        entity.Property(i => i.SubmitterChannelId).HasMaxLength(200);
        entity.Property(i => i.TenantId).HasMaxLength(64);
        entity.Property(i => i.Version).IsConcurrencyToken();
        entity.Ignore(i => i.DisplayId);
        entity.Property(i => i.ExternalRef).HasMaxLength(40);
        entity.HasIndex(i => i.ExternalRef).IsUnique();
        entity.Property(i => i.Origin).HasMaxLength(20).HasDefaultValue(IdeaOrigins.Teams);
        entity.Property(i => i.OwnerName).HasMaxLength(200);
        entity.Property(i => i.OwnerObjectId).HasMaxLength(64);
        entity.Property(i => i.OwnerContact).HasMaxLength(200);
        entity.Property(i => i.ProgrammeContactName).HasMaxLength(200);
        entity.Property(i => i.ProgrammeContactObjectId).HasMaxLength(64);
        entity.Property(i => i.AiChampion).HasMaxLength(200);
        entity.Property(i => i.BenefitAssumptions).HasMaxLength(1000);
        entity.Property(i => i.Partner).HasMaxLength(200);
        entity.Property(i => i.PartnerKind).HasMaxLength(20);
        entity.Property(i => i.AiActClass).HasMaxLength(20);
        entity.Property(i => i.AiActReason).HasMaxLength(500);
        entity.Property(i => i.ReportLinks).HasMaxLength(2000);
        entity.Property(i => i.RealisedBenefit).HasMaxLength(1000);
        entity.Property(i => i.ParkedReason).HasMaxLength(1000);
        entity.Property(i => i.FirstAnswer).HasMaxLength(20);
        entity.HasIndex(i => i.Status);
        entity.HasIndex(i => i.Published);
        entity.HasIndex(i => i.SubmitterObjectId);
        entity.HasMany(i => i.History).WithOne().HasForeignKey(h => h.IdeaId);
    }
}

internal sealed class IdeaStatusChangeConfiguration : IEntityTypeConfiguration<IdeaStatusChange>
{
    public void Configure(EntityTypeBuilder<IdeaStatusChange> entity)
    {
        entity.ToTable("idea_status_changes");
        entity.Property(h => h.FromStatus).HasMaxLength(20);
        entity.Property(h => h.ToStatus).HasMaxLength(20);
        entity.Property(h => h.Comment).HasMaxLength(1000);
        entity.Property(h => h.ChangedByObjectId).HasMaxLength(64);
        entity.Property(h => h.ChangedByName).HasMaxLength(200);
        entity.Property(h => h.Kind).HasMaxLength(20).HasDefaultValue(IdeaHistoryKinds.Move);
        entity.HasIndex(h => h.ChangedAtUtc);
    }
}

internal sealed class IdeaFormConfiguration : IEntityTypeConfiguration<IdeaForm>
{
    public void Configure(EntityTypeBuilder<IdeaForm> entity)
    {
        entity.ToTable("idea_forms");
        entity.HasKey(f => f.FormId);
        entity.Property(f => f.FormId).HasMaxLength(64);
        entity.Property(f => f.IssuedToObjectId).HasMaxLength(64);
    }
}

internal sealed class CatalogueImportConfiguration : IEntityTypeConfiguration<CatalogueImport>
{
    public void Configure(EntityTypeBuilder<CatalogueImport> entity)
    {
        entity.ToTable("catalogue_imports");
        entity.HasKey(c => c.Path);
        entity.Property(c => c.Path).HasMaxLength(400);
        entity.Property(c => c.ContentHash).HasMaxLength(64);
    }
}
