using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>The bot's store: SQLite by default, any EF Core relational provider by configuration.</summary>
public sealed class AdoptionBotDbContext(DbContextOptions<AdoptionBotDbContext> options) : DbContext(options)
{
    public DbSet<QuestionRecord> Questions => Set<QuestionRecord>();

    public DbSet<AnswerFeedbackRecord> AnswerFeedback => Set<AnswerFeedbackRecord>();

    public DbSet<Idea> Ideas => Set<Idea>();

    public DbSet<IdeaStatusChange> IdeaStatusChanges => Set<IdeaStatusChange>();

    public DbSet<IdeaForm> IdeaForms => Set<IdeaForm>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<QuestionRecord>(entity =>
        {
            entity.ToTable("questions");
            entity.Property(q => q.AnswerId).HasMaxLength(200);
            entity.Property(q => q.ConversationId).HasMaxLength(500);
            entity.Property(q => q.ConversationType).HasMaxLength(40);
            entity.Property(q => q.AskerHash).HasMaxLength(64);
            entity.Property(q => q.Question).HasMaxLength(4000);
            entity.Property(q => q.Outcome).HasMaxLength(20);
            entity.Property(q => q.Sources).HasMaxLength(2000);
            entity.HasIndex(q => q.AnswerId);
            entity.HasIndex(q => q.AskedAtUtc);
        });
        modelBuilder.Entity<AnswerFeedbackRecord>(entity =>
        {
            entity.ToTable("answer_feedback");
            entity.Property(f => f.AnswerId).HasMaxLength(200);
            entity.Property(f => f.Reaction).HasMaxLength(20);
            entity.Property(f => f.Text).HasMaxLength(2000);
            entity.Property(f => f.UserHash).HasMaxLength(64);
            entity.HasIndex(f => f.AnswerId);
        });
        modelBuilder.Entity<Idea>(entity =>
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
            entity.Property(i => i.Version).IsConcurrencyToken();
            entity.Ignore(i => i.DisplayId);
            entity.HasIndex(i => i.Status);
            entity.HasIndex(i => i.SubmitterObjectId);
            entity.HasMany(i => i.History).WithOne().HasForeignKey(h => h.IdeaId);
        });
        modelBuilder.Entity<IdeaStatusChange>(entity =>
        {
            entity.ToTable("idea_status_changes");
            entity.Property(h => h.FromStatus).HasMaxLength(20);
            entity.Property(h => h.ToStatus).HasMaxLength(20);
            entity.Property(h => h.Comment).HasMaxLength(1000);
            entity.Property(h => h.ChangedByObjectId).HasMaxLength(64);
            entity.Property(h => h.ChangedByName).HasMaxLength(200);
            entity.HasIndex(h => h.ChangedAtUtc);
        });
        modelBuilder.Entity<IdeaForm>(entity =>
        {
            entity.ToTable("idea_forms");
            entity.HasKey(f => f.FormId);
            entity.Property(f => f.FormId).HasMaxLength(64);
            entity.Property(f => f.IssuedToObjectId).HasMaxLength(64);
        });
    }
}
