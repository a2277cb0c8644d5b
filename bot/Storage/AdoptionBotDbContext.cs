using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>
/// The bot's store. It names no capability: each module keeps its entities and their <see cref="IEntityTypeConfiguration{TEntity}"/>
/// in its own folder, and the model is every configuration in the assembly. This class is the SQLite context and owns the
/// SQLite migrations (Migrations/); <see cref="PostgreSqlStoreContext"/> adds the PostgreSQL ones (Migrations/PostgreSql/).
/// How to add a migration: README.md here.
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

    public DbSet<StoreLease> Leases => Set<StoreLease>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AdoptionBotDbContext).Assembly);
}

/// <summary>
/// An entity whose ids must become visible in id order: on PostgreSQL, inserts of it are serialised, because the
/// sequence hands out ids at insert, not at commit (the SQLite store has one writer anyway).
/// </summary>
public interface INumberedInCommitOrder;
