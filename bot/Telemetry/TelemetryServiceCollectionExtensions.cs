using AdoptionBot.AI;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AdoptionBot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The bot's meter; capabilities that count something call this, so they work without <see cref="AddTelemetry"/>.</summary>
    public static IServiceCollection AddBotMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        return services;
    }

    /// <summary>
    /// Section "Telemetry": a span and a count per turn, the outbox depth gauge, and, unless Telemetry:Exporter is None,
    /// OpenTelemetry traces (ASP.NET Core, HttpClient, the bot's turns), metrics (meters AdoptionBot and AdoptionBot.AI,
    /// requests, runtime) and, with Otlp or AzureMonitor, logs.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ApplicationInsightsConnectionString = configuration[TelemetryOptions.ApplicationInsightsKey])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddBotMetrics();
        services.AddSingleton<Microsoft.Bot.Builder.IMiddleware, TurnTelemetryMiddleware>();
        services.AddHostedService<OutboxDepthGauge>();

        // The exporter decides what is registered, so it is read here; a value the binder rejects is reported at start-up by the options above.
        var section = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        if (!Enum.TryParse<TelemetryExporter>(section[nameof(TelemetryOptions.Exporter)], ignoreCase: true, out var exporter) || exporter == TelemetryExporter.None)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("AdoptionBot"));
        telemetry
            .WithTracing(tracing => tracing.AddSource(BotMetrics.ActivitySourceName))
            .WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName, GenerationMetrics.MeterName).AddRuntimeInstrumentation());
        if (exporter == TelemetryExporter.AzureMonitor)
        {
            // The distribution adds the ASP.NET Core and HttpClient instrumentation and the log exporter itself.
            telemetry.UseAzureMonitor(options => options.ConnectionString = builder.Configuration[TelemetryOptions.ApplicationInsightsKey]);
            return builder;
        }

        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (exporter == TelemetryExporter.Console)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }
        else if (Uri.TryCreate(section[nameof(TelemetryOptions.OtlpEndpoint)], UriKind.Absolute, out var endpoint))
        {
            var protocol = Enum.TryParse<OtlpProtocol>(section[nameof(TelemetryOptions.OtlpProtocol)], ignoreCase: true, out var chosen) ? chosen : OtlpProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol == OtlpProtocol.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, endpoint);
        }

        return builder;
    }

    // App Service probes every minute: not worth a trace each.
    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);
}
