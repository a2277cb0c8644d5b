using AdoptionBot.Channels;
using AdoptionBot.Delivery;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>
/// The bot's store. This class is the SQLite context and owns the SQLite migrations (Migrations/);
/// <see cref="PostgreSqlStoreContext"/> adds the PostgreSQL ones (Migrations/PostgreSql/). How to add a migration: README.md here.
/// </summary>
public class AdoptionBotDbContext : DbContext
{
    public AdoptionBotDbContext(DbContextOptions<AdoptionBotDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's subclass, which has its own migrations.</summary>
    protected AdoptionBotDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<QuestionRecord> Questions => Set<QuestionRecord>();

    public DbSet<AnswerFeedbackRecord> AnswerFeedback => Set<AnswerFeedbackRecord>();

    public DbSet<Idea> Ideas => Set<Idea>();

    public DbSet<IdeaStatusChange> IdeaStatusChanges => Set<IdeaStatusChange>();

    public DbSet<IdeaForm> IdeaForms => Set<IdeaForm>();

    public DbSet<ChannelLink> ChannelLinks => Set<ChannelLink>();

    public DbSet<PersonalConversation> PersonalConversations => Set<PersonalConversation>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<StoreLease> Leases => Set<StoreLease>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<QuestionRecord>(entity =>
        {
            entity.ToTable("questions");
            entity.Property(q => q.AnswerId).HasMaxLength(200);
            entity.Property(q => q.ConversationId).HasMaxLength(500);
            entity.Property(q => q.ConversationType).HasMaxLength(40);
            entity.Property(q => q.AskerHash).HasMaxLength(64);
            entity.Property(q => q.BusinessUnit).HasMaxLength(200);
            entity.Property(q => q.Question).HasMaxLength(4000);
            entity.Property(q => q.Outcome).HasMaxLength(20);
            entity.Property(q => q.Sources).HasMaxLength(2000);
            entity.HasIndex(q => q.AnswerId);
            entity.HasIndex(q => q.AskedAtUtc);
            entity.HasIndex(q => new { q.BusinessUnit, q.AskedAtUtc });
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
        modelBuilder.Entity<ChannelLink>(entity =>
        {
            entity.ToTable("channel_links");
            entity.Property(l => l.ChannelId).HasMaxLength(300);
            entity.HasIndex(l => l.ChannelId).IsUnique();
            entity.Property(l => l.TeamId).HasMaxLength(300);
            entity.Property(l => l.TeamGroupId).HasMaxLength(64);
            entity.Property(l => l.TeamName).HasMaxLength(300);
            entity.Property(l => l.ChannelName).HasMaxLength(300);
            entity.Property(l => l.TenantId).HasMaxLength(64);
            entity.Property(l => l.ServiceUrl).HasMaxLength(500);
            entity.Property(l => l.BotId).HasMaxLength(200);
            entity.Property(l => l.BusinessUnit).HasMaxLength(200);
            entity.Property(l => l.LinkedByObjectId).HasMaxLength(64);
            entity.Property(l => l.LinkedByName).HasMaxLength(200);
            entity.Property(l => l.DeactivatedReason).HasMaxLength(500);
            entity.HasIndex(l => new { l.BusinessUnit, l.IsActive });
        });
        modelBuilder.Entity<PersonalConversation>(entity =>
        {
            entity.ToTable("personal_conversations");
            entity.HasKey(p => p.UserObjectId);
            entity.Property(p => p.UserObjectId).HasMaxLength(64);
            entity.Property(p => p.UserChannelId).HasMaxLength(200);
            entity.Property(p => p.ConversationId).HasMaxLength(500);
            entity.Property(p => p.TenantId).HasMaxLength(64);
            entity.Property(p => p.ServiceUrl).HasMaxLength(500);
            entity.Property(p => p.BotId).HasMaxLength(200);
        });
        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("outbox");
            entity.Property(o => o.DedupKey).HasMaxLength(400);
            entity.HasIndex(o => o.DedupKey).IsUnique();
            entity.Property(o => o.Kind).HasMaxLength(20);
            entity.Property(o => o.ConversationId).HasMaxLength(500);
            entity.Property(o => o.UserChannelId).HasMaxLength(200);
            entity.Property(o => o.TenantId).HasMaxLength(64);
            entity.Property(o => o.ServiceUrl).HasMaxLength(500);
            entity.Property(o => o.BotId).HasMaxLength(200);
            entity.Property(o => o.Status).HasMaxLength(20);
            entity.Property(o => o.LeaseOwner).HasMaxLength(100);
            entity.Property(o => o.LastError).HasMaxLength(1000);
            entity.HasIndex(o => new { o.Status, o.NextAttemptAtUtc });
        });
        modelBuilder.Entity<StoreLease>(entity =>
        {
            entity.ToTable("leases");
            entity.HasKey(l => l.Name);
            entity.Property(l => l.Name).HasMaxLength(100);
            entity.Property(l => l.Owner).HasMaxLength(200);
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
