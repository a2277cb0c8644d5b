using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Storage;

/// <summary>Applies pending migrations before the bot takes traffic.</summary>
public sealed class StoreMigrationService(IDbContextFactory<AdoptionBotDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
