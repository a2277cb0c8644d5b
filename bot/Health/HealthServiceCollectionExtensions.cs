using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdoptionBot.Health;

public static class HealthServiceCollectionExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>How long /readyz waits for the store before it reports it unreachable.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Liveness (the process serves requests) and readiness (store answers, knowledge index loaded).</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [LiveTag])
            .AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy, [ReadyTag], StoreTimeout)
            .AddCheck<KnowledgeIndexHealthCheck>("knowledgeIndex", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }

    /// <summary>/healthz for the App Service health check (the process only) and /readyz (503 naming the failed checks).</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = (context, report) => context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "ok" : "not ok"),
        });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        });
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : "notReady",
            checks = report.Entries.ToDictionary(
                e => e.Key,
                // Only the fixed descriptions of the checks: an exception's text could name a host or a path.
                e => new { status = e.Value.Status == HealthStatus.Healthy ? "ok" : "failed", description = e.Value.Exception is { } ex && e.Value.Description == ex.Message ? "The check failed." : e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
