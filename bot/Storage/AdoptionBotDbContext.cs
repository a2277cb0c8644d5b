using AdoptionBot.Questions;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>The bot's store: SQLite by default, any EF Core relational provider by configuration.</summary>
public sealed class AdoptionBotDbContext(DbContextOptions<AdoptionBotDbContext> options) : DbContext(options)
{
    public DbSet<QuestionRecord> Questions => Set<QuestionRecord>();

    public DbSet<AnswerFeedbackRecord> AnswerFeedback => Set<AnswerFeedbackRecord>();

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
    }
}
