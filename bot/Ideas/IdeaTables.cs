using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdoptionBot.Ideas;

/// <summary>The Ideas module's tables in the store: ideas, idea_status_changes and idea_forms.</summary>
internal static class IdeaTables
{
    extension(AdoptionBotDbContext db)
    {
        public DbSet<Idea> Ideas => db.Set<Idea>();

        public DbSet<IdeaStatusChange> IdeaStatusChanges => db.Set<IdeaStatusChange>();

        public DbSet<IdeaForm> IdeaForms => db.Set<IdeaForm>();
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
        entity.HasIndex(i => i.Status);
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
