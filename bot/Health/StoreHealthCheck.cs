using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdoptionBot.Health;

/// <summary>Ready when the store answers a trivial query; the description never carries the exception or the connection string.</summary>
public sealed class StoreHealthCheck(IDbContextFactory<AdoptionBotDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy("The store answers.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The exception is kept for the log (health check publisher) but not written to the response.
            return new HealthCheckResult(context.Registration.FailureStatus, "The store does not answer.", ex);
        }
    }
}
