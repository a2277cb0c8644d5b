using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdoptionBot.Delivery;

/// <summary>The Delivery module's table in the store: outbox.</summary>
internal static class OutboxTable
{
    extension(AdoptionBotDbContext db)
    {
        public DbSet<OutboxMessage> Outbox => db.Set<OutboxMessage>();
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> entity)
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
        entity.Property(o => o.SentActivityId).HasMaxLength(200);
        entity.Property(o => o.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        entity.HasIndex(o => new { o.Status, o.NextAttemptAtUtc });
    }
}
