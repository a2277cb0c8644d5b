using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Telemetry;

/// <summary>Where traces, metrics and logs go.</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: meters and spans exist for in-process listeners only (the default).</summary>
    None,

    /// <summary>Traces and metrics written to standard output, for a local look.</summary>
    Console,

    /// <summary>An OpenTelemetry collector at Telemetry:OtlpEndpoint (logs too).</summary>
    Otlp,

    /// <summary>Application Insights, with the connection string APPLICATIONINSIGHTS_CONNECTION_STRING (logs too).</summary>
    AzureMonitor,
}

/// <summary>OTLP transport.</summary>
public enum OtlpProtocol
{
    /// <summary>gRPC, usually port 4317.</summary>
    Grpc,

    /// <summary>HTTP with protobuf bodies, usually port 4318.</summary>
    HttpProtobuf,
}

/// <summary>Section "Telemetry": the exporter and how often the outbox depth is read from the store.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The environment variable App Service sets for Application Insights (the Bicep sets it).</summary>
    public const string ApplicationInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Telemetry:Exporter (env Telemetry__Exporter): None (default), Console, Otlp or AzureMonitor.</summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>Telemetry:OtlpEndpoint: the collector's base address, e.g. http://otel-collector:4317; required with Otlp.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Telemetry:OtlpProtocol: Grpc (default) or HttpProtobuf.</summary>
    public OtlpProtocol OtlpProtocol { get; set; } = OtlpProtocol.Grpc;

    /// <summary>Telemetry:OutboxDepthRefreshSeconds: the outbox depth gauge reads the store at most this often (default 30).</summary>
    [Range(1, 3600, ErrorMessage = "Telemetry:OutboxDepthRefreshSeconds must be between 1 and 3600.")]
    public int OutboxDepthRefreshSeconds { get; set; } = 30;

    /// <summary>Read from APPLICATIONINSIGHTS_CONNECTION_STRING; required with AzureMonitor.</summary>
    public string? ApplicationInsightsConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Exporter))
        {
            yield return new ValidationResult($"Telemetry:Exporter '{Exporter}' is not one of None, Console, Otlp, AzureMonitor.", [nameof(Exporter)]);
        }

        if (Exporter == TelemetryExporter.Otlp && OtlpEndpointUri is null)
        {
            yield return new ValidationResult(
                string.IsNullOrWhiteSpace(OtlpEndpoint)
                    ? "Telemetry:OtlpEndpoint is required when Telemetry:Exporter is Otlp. Set Telemetry:OtlpEndpoint (env Telemetry__OtlpEndpoint) to the collector's address, e.g. http://otel-collector:4317."
                    : "Telemetry:OtlpEndpoint must be an absolute http or https address, e.g. http://otel-collector:4317.",
                [nameof(OtlpEndpoint)]);
        }

        // The message never repeats the connection string: it holds the ingestion key.
        if (Exporter == TelemetryExporter.AzureMonitor && string.IsNullOrWhiteSpace(ApplicationInsightsConnectionString))
        {
            yield return new ValidationResult(
                $"{ApplicationInsightsKey} is required when Telemetry:Exporter is AzureMonitor; set it to the Application Insights connection string.",
                [nameof(ApplicationInsightsConnectionString)]);
        }
    }

    /// <summary>
    /// The options as configured, or null when the binder rejects a value (a misspelt exporter) or they do not validate:
    /// for the registration that has to choose an exporter before the host is built.
    /// </summary>
    public static TelemetryOptions? TryRead(IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        try
        {
            configuration.GetSection(SectionName).Bind(options);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        options.ApplicationInsightsConnectionString = configuration[ApplicationInsightsKey];
        return Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true) ? options : null;
    }

    /// <summary>The OTLP endpoint when it is an absolute http(s) address.</summary>
    public Uri? OtlpEndpointUri =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
