namespace AdoptionBot.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry is exported to {Exporter}")]
    public static partial void Exporting(ILogger logger, TelemetryExporter exporter);
}
