using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdoptionBot.Experts;

/// <summary>The Experts module's tables in the store: expert_tickets, expert_ticket_events, expert_channels and faq_entries.</summary>
internal static class ExpertTables
{
    extension(AdoptionBotDbContext db)
    {
        public DbSet<ExpertTicket> ExpertTickets => db.Set<ExpertTicket>();

        public DbSet<TicketEvent> TicketEvents => db.Set<TicketEvent>();

        public DbSet<ExpertChannel> ExpertChannels => db.Set<ExpertChannel>();

        public DbSet<FaqEntry> FaqEntries => db.Set<FaqEntry>();
    }
}

internal sealed class ExpertTicketConfiguration : IEntityTypeConfiguration<ExpertTicket>
{
    public void Configure(EntityTypeBuilder<ExpertTicket> entity)
    {
        entity.ToTable("expert_tickets");
        entity.Property(t => t.Id).ValueGeneratedOnAdd();
        entity.Property(t => t.TenantId).HasMaxLength(64);
        entity.Property(t => t.RequestKey).HasMaxLength(100);
        entity.HasIndex(t => t.RequestKey).IsUnique();
        entity.Property(t => t.Question).HasMaxLength(ExpertTicket.MaxQuestion);
        entity.Property(t => t.Context).HasMaxLength(ExpertTicket.MaxContext);
        entity.Property(t => t.Origin).HasMaxLength(20);
        entity.Property(t => t.AskerObjectId).HasMaxLength(64);
        entity.Property(t => t.AskerChannelUserId).HasMaxLength(200);
        entity.Property(t => t.AskerName).HasMaxLength(200);
        entity.Property(t => t.AskerServiceUrl).HasMaxLength(500);
        entity.Property(t => t.AskerBotId).HasMaxLength(200);
        entity.Property(t => t.AttemptedAnswer).HasMaxLength(2000);
        entity.Property(t => t.Sources).HasMaxLength(1000);
        entity.Property(t => t.State).HasMaxLength(20);
        entity.Property(t => t.ClosedHow).HasMaxLength(20);
        entity.Property(t => t.ClosedReason).HasMaxLength(ExpertTicket.MaxReason);
        entity.Property(t => t.TakenByObjectId).HasMaxLength(64);
        entity.Property(t => t.TakenByChannelUserId).HasMaxLength(200);
        entity.Property(t => t.TakenByName).HasMaxLength(200);
        entity.Property(t => t.AnswerText).HasMaxLength(ExpertTicket.MaxAnswer);
        entity.Property(t => t.AnsweredByObjectId).HasMaxLength(64);
        entity.Property(t => t.AnsweredByName).HasMaxLength(200);
        entity.Property(t => t.PostedToChannelId).HasMaxLength(500);
        entity.Property(t => t.Version).IsConcurrencyToken();
        entity.Ignore(t => t.DisplayId);
        entity.Ignore(t => t.AskerShown);
        entity.HasIndex(t => new { t.State, t.WaitingSinceUtc });
        entity.HasIndex(t => t.CreatedAtUtc);
        entity.HasIndex(t => new { t.AskerObjectId, t.State });
        entity.HasMany(t => t.History).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> entity)
    {
        entity.ToTable("expert_ticket_events");
        entity.Property(e => e.Kind).HasMaxLength(20);
        entity.Property(e => e.ByObjectId).HasMaxLength(64);
        entity.Property(e => e.ByName).HasMaxLength(200);
        entity.Property(e => e.Text).HasMaxLength(ExpertTicket.MaxAnswer);
    }
}

internal sealed class ExpertChannelConfiguration : IEntityTypeConfiguration<ExpertChannel>
{
    public void Configure(EntityTypeBuilder<ExpertChannel> entity)
    {
        entity.ToTable("expert_channels");
        entity.Property(c => c.TenantId).HasMaxLength(64);
        entity.Property(c => c.ChannelId).HasMaxLength(500);
        entity.Property(c => c.ServiceUrl).HasMaxLength(500);
        entity.Property(c => c.BotId).HasMaxLength(200);
        entity.Property(c => c.TeamId).HasMaxLength(500);
        entity.Property(c => c.TeamName).HasMaxLength(200);
        entity.Property(c => c.ChannelName).HasMaxLength(200);
        entity.Property(c => c.LinkedByName).HasMaxLength(200);
        entity.Property(c => c.LinkedByObjectId).HasMaxLength(64);
        entity.Property(c => c.StoppedReason).HasMaxLength(500);
        entity.HasIndex(c => new { c.TenantId, c.Active });
    }
}

internal sealed class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> entity)
    {
        entity.ToTable("faq_entries");
        entity.Property(f => f.TenantId).HasMaxLength(64);
        entity.Property(f => f.Question).HasMaxLength(FaqEntry.MaxQuestion);
        entity.Property(f => f.Answer).HasMaxLength(ExpertTicket.MaxAnswer);
        entity.Property(f => f.ExpertName).HasMaxLength(200);
        entity.Property(f => f.ExpertObjectId).HasMaxLength(64);
        entity.Property(f => f.State).HasMaxLength(20);
        entity.Property(f => f.ProposedByName).HasMaxLength(200);
        entity.Property(f => f.ProposedByObjectId).HasMaxLength(64);
        entity.Property(f => f.DecidedByName).HasMaxLength(200);
        entity.Property(f => f.DecidedByObjectId).HasMaxLength(64);
        entity.Property(f => f.Version).IsConcurrencyToken();
        entity.Ignore(f => f.DisplayId);
        entity.HasIndex(f => new { f.TenantId, f.State });
    }
}
