using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdoptionBot.Storage;

/// <summary>The store on a PostgreSQL server: the same model as <see cref="AdoptionBotDbContext"/>, with its own migrations.</summary>
public sealed class PostgreSqlStoreContext(DbContextOptions<PostgreSqlStoreContext> options) : AdoptionBotDbContext(options)
{
    /// <summary>Key of the transaction-scoped advisory lock that puts inserts of <see cref="INumberedInCommitOrder"/> in id order.</summary>
    private const long NumberingLock = 0x4164_6f70_4964_6561; // "AdopIdea": ideas were the first such rows

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null || !ChangeTracker.Entries<INumberedInCommitOrder>().Any(e => e.State == EntityState.Added))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The sequence hands out ids at insert, not at commit: without the lock, IDEA-0007 could become visible
        // before IDEA-0006, and a reader would see a gap that later fills. Such rows are few; the wait is short.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({NumberingLock})", cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz takes only UTC DateTimes: the bot's are UTC, and any without a kind are taken as UTC, never local time.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
