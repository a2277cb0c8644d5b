using System.Diagnostics.Metrics;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Delivery;

/// <summary>
/// The gauge adoptionbot.outbox.depth: outbox rows still pending. Collection asks often and synchronously, so the
/// count is read from the store at most every Telemetry:OutboxDepthRefreshSeconds and cached in between.
/// </summary>
public sealed class OutboxDepthGauge(
    IMeterFactory meters,
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<OutboxDepthGauge> logger) : IHostedService
{
    private readonly Lock _lock = new();
    private long? _depth;
    private long _readAt;
    private bool _read;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        meters.Create(BotMetrics.MeterName).CreateObservableGauge(
            BotMetrics.OutboxDepthInstrument,
            Observe,
            "{message}",
            "Outbox rows waiting to be sent (status pending), read from the store at most every Telemetry:OutboxDepthRefreshSeconds.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Observe()
    {
        lock (_lock)
        {
            if (!_read || time.GetElapsedTime(_readAt) >= TimeSpan.FromSeconds(options.Value.OutboxDepthRefreshSeconds))
            {
                _readAt = time.GetTimestamp();
                _read = true;
                _depth = ReadDepth();
            }

            return _depth is { } depth ? [new Measurement<long>(depth)] : [];
        }
    }

    private long? ReadDepth()
    {
        try
        {
            using var db = contexts.CreateDbContext();
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
            return db.Outbox.LongCount(o => o.Status == OutboxStatuses.Pending);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DeliveryLog.OutboxDepthUnavailable(logger, ex.GetType().Name);
            return null;
        }
    }
}
