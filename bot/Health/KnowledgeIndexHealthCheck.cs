using AdoptionBot.Knowledge.Retrieval;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdoptionBot.Health;

/// <summary>Ready once the knowledge index holds the knowledge base; until then questions get "still reading".</summary>
public sealed class KnowledgeIndexHealthCheck(IKnowledgeSearch search) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(search.IsReady
            ? HealthCheckResult.Healthy("The knowledge index is loaded.")
            : new HealthCheckResult(context.Registration.FailureStatus, "The knowledge index is not loaded yet."));
}
