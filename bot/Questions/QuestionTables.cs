using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdoptionBot.Questions;

/// <summary>The Questions module's tables in the store: questions and answer_feedback.</summary>
internal static class QuestionTables
{
    extension(AdoptionBotDbContext db)
    {
        public DbSet<QuestionRecord> Questions => db.Set<QuestionRecord>();

        public DbSet<AnswerFeedbackRecord> AnswerFeedback => db.Set<AnswerFeedbackRecord>();
    }
}

internal sealed class QuestionRecordConfiguration : IEntityTypeConfiguration<QuestionRecord>
{
    public void Configure(EntityTypeBuilder<QuestionRecord> entity)
    {
        entity.ToTable("questions");
        entity.Property(q => q.AnswerId).HasMaxLength(200);
        entity.Property(q => q.ConversationId).HasMaxLength(500);
        entity.Property(q => q.ConversationType).HasMaxLength(40);
        entity.Property(q => q.AskerHash).HasMaxLength(64);
        entity.Property(q => q.TenantId).HasMaxLength(64);
        entity.Property(q => q.BusinessUnit).HasMaxLength(200);
        entity.Property(q => q.Question).HasMaxLength(4000);
        entity.Property(q => q.Outcome).HasMaxLength(20);
        entity.Property(q => q.Sources).HasMaxLength(2000);
        entity.HasIndex(q => q.AnswerId);
        entity.HasIndex(q => q.AskedAtUtc);
        entity.HasIndex(q => new { q.BusinessUnit, q.AskedAtUtc });
    }
}

internal sealed class AnswerFeedbackConfiguration : IEntityTypeConfiguration<AnswerFeedbackRecord>
{
    public void Configure(EntityTypeBuilder<AnswerFeedbackRecord> entity)
    {
        entity.ToTable("answer_feedback");
        entity.Property(f => f.AnswerId).HasMaxLength(200);
        entity.Property(f => f.Reaction).HasMaxLength(20);
        entity.Property(f => f.Text).HasMaxLength(2000);
        entity.Property(f => f.UserHash).HasMaxLength(64);
        entity.HasIndex(f => f.AnswerId);

        // One entry per person and answer: a second press replaces the first (entries without a person stay apart).
        entity.HasIndex(f => new { f.AnswerId, f.UserHash }).IsUnique();
    }
}
