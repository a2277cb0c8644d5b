namespace AdoptionBot.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox depth could not be read from the store ({Reason}); the gauge reports nothing until the next read")]
    public static partial void OutboxDepthUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry is exported to {Exporter}")]
    public static partial void Exporting(ILogger logger, TelemetryExporter exporter);
}
