using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdoptionBot.Channels;

/// <summary>The Channels module's tables in the store: channel_links, channel_link_changes and personal_conversations.</summary>
internal static class ChannelTables
{
    extension(AdoptionBotDbContext db)
    {
        public DbSet<ChannelLink> ChannelLinks => db.Set<ChannelLink>();

        public DbSet<PersonalConversation> PersonalConversations => db.Set<PersonalConversation>();

        public DbSet<ChannelLinkChange> ChannelLinkChanges => db.Set<ChannelLinkChange>();
    }
}

internal sealed class ChannelLinkChangeConfiguration : IEntityTypeConfiguration<ChannelLinkChange>
{
    public void Configure(EntityTypeBuilder<ChannelLinkChange> entity)
    {
        entity.ToTable("channel_link_changes");
        entity.Property(c => c.ChannelId).HasMaxLength(300);
        entity.Property(c => c.Change).HasMaxLength(20);
        entity.Property(c => c.BusinessUnit).HasMaxLength(200);
        entity.Property(c => c.PreviousBusinessUnit).HasMaxLength(200);
        entity.Property(c => c.ByObjectId).HasMaxLength(64);
        entity.Property(c => c.By).HasMaxLength(ChannelLink.MaxReasonLength);
        entity.HasIndex(c => new { c.ChannelId, c.AtUtc });
    }
}

internal sealed class ChannelLinkConfiguration : IEntityTypeConfiguration<ChannelLink>
{
    public void Configure(EntityTypeBuilder<ChannelLink> entity)
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
        entity.Property(l => l.DeactivatedReason).HasMaxLength(ChannelLink.MaxReasonLength);
        entity.HasIndex(l => new { l.BusinessUnit, l.IsActive });
    }
}

internal sealed class PersonalConversationConfiguration : IEntityTypeConfiguration<PersonalConversation>
{
    public void Configure(EntityTypeBuilder<PersonalConversation> entity)
    {
        entity.ToTable("personal_conversations");
        entity.HasKey(p => p.UserObjectId);
        entity.Property(p => p.UserObjectId).HasMaxLength(64);
        entity.Property(p => p.UserChannelId).HasMaxLength(200);
        entity.Property(p => p.ConversationId).HasMaxLength(500);
        entity.Property(p => p.TenantId).HasMaxLength(64);
        entity.Property(p => p.ServiceUrl).HasMaxLength(500);
        entity.Property(p => p.BotId).HasMaxLength(200);
    }
}
