using AdoptionBot.Ideas;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>The Portfolio module's tables: assessments, ai_act_screenings, gate_ticks and board_items (each row belongs to one use case in ideas).</summary>
internal static class PortfolioTables
{
    extension(AdoptionBotDbContext db)
    {
        public DbSet<Assessment> Assessments => db.Set<Assessment>();

        public DbSet<AiActScreening> AiActScreenings => db.Set<AiActScreening>();

        public DbSet<GateTick> GateTicks => db.Set<GateTick>();

        public DbSet<BoardItem> BoardItems => db.Set<BoardItem>();
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> entity)
    {
        entity.ToTable("assessments");
        entity.Ignore(a => a.Score);
        entity.Property(a => a.ValueRationale).HasMaxLength(PortfolioLimits.Rationale);
        entity.Property(a => a.FeasibilityRationale).HasMaxLength(PortfolioLimits.Rationale);
        entity.Property(a => a.DataAvailability).HasMaxLength(20);
        entity.Property(a => a.ReuseCheck).HasMaxLength(PortfolioLimits.Rationale);
        entity.Property(a => a.SuccessCriteria).HasMaxLength(PortfolioLimits.Rationale);
        entity.Property(a => a.AssessorObjectId).HasMaxLength(64);
        entity.Property(a => a.AssessorName).HasMaxLength(200);
        entity.HasIndex(a => a.IdeaId);
        entity.HasOne<Idea>().WithMany().HasForeignKey(a => a.IdeaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AiActScreeningConfiguration : IEntityTypeConfiguration<AiActScreening>
{
    public void Configure(EntityTypeBuilder<AiActScreening> entity)
    {
        entity.ToTable("ai_act_screenings");
        entity.Property(s => s.Answers).HasMaxLength(4000);
        entity.Property(s => s.Result).HasMaxLength(20);
        entity.Property(s => s.Reason).HasMaxLength(500);
        entity.Property(s => s.Duties).HasMaxLength(1000);
        entity.Property(s => s.Role).HasMaxLength(20);
        entity.Property(s => s.ScreenedByObjectId).HasMaxLength(64);
        entity.Property(s => s.ScreenedByName).HasMaxLength(200);
        entity.HasIndex(s => s.IdeaId);
        entity.HasOne<Idea>().WithMany().HasForeignKey(s => s.IdeaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GateTickConfiguration : IEntityTypeConfiguration<GateTick>
{
    public void Configure(EntityTypeBuilder<GateTick> entity)
    {
        entity.ToTable("gate_ticks");
        entity.Property(t => t.Stage).HasMaxLength(20);
        entity.Property(t => t.Criterion).HasMaxLength(60);
        entity.Property(t => t.Link).HasMaxLength(PortfolioLimits.Link);
        entity.Property(t => t.TickedByObjectId).HasMaxLength(64);
        entity.Property(t => t.TickedByName).HasMaxLength(200);
        entity.HasIndex(t => new { t.IdeaId, t.Stage, t.Criterion }).IsUnique();
        entity.HasOne<Idea>().WithMany().HasForeignKey(t => t.IdeaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BoardItemConfiguration : IEntityTypeConfiguration<BoardItem>
{
    public void Configure(EntityTypeBuilder<BoardItem> entity)
    {
        entity.ToTable("board_items");
        entity.Property(b => b.ToStage).HasMaxLength(20);
        entity.Property(b => b.Reason).HasMaxLength(500);
        entity.Property(b => b.QueuedByObjectId).HasMaxLength(64);
        entity.Property(b => b.QueuedByName).HasMaxLength(200);
        entity.Property(b => b.Decision).HasMaxLength(20);
        entity.Property(b => b.DecisionComment).HasMaxLength(PortfolioLimits.Rationale);
        entity.Property(b => b.DecidedByObjectId).HasMaxLength(64);
        entity.Property(b => b.DecidedByName).HasMaxLength(200);
        entity.Property(b => b.LegalSignOffByObjectId).HasMaxLength(64);
        entity.Property(b => b.LegalSignOffByName).HasMaxLength(200);
        entity.Property(b => b.Version).IsConcurrencyToken();
        entity.HasIndex(b => new { b.MeetingDate, b.Decision });
        entity.HasIndex(b => b.IdeaId);
        entity.HasOne<Idea>().WithMany().HasForeignKey(b => b.IdeaId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How long the portfolio's free texts may be.</summary>
public static class PortfolioLimits
{
    public const int Rationale = 1000;
    public const int Link = 500;
}
