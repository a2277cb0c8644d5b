using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>
/// Applies pending migrations before the bot takes traffic. On PostgreSQL, where several instances start at once, the
/// whole run holds a session advisory lock: the provider's own lock covers one migration at a time, so without it a
/// second instance could apply a later migration that the first, which read the list before, applies too.
/// </summary>
public sealed class StoreMigrationService(IDbContextFactory<AdoptionBotDbContext> contexts) : IHostedService
{
    /// <summary>The advisory lock key of the migration run (any fixed number no other part of the bot uses).</summary>
    private const long MigrationLockKey = 0x41646f7074_01;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db is not PostgreSqlStoreContext)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            // Closing the session would release it too; unlocking says so and keeps a pooled connection clean.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
