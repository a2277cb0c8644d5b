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
    /// Section "Telemetry": a span and a count per turn (<see cref="TurnTelemetryMiddleware"/>), and, unless Telemetry:Exporter is None,
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
        services.AddSingleton<TurnTelemetryMiddleware>();

        // The exporter decides what is registered, so the options are read here already; settings the binder or the
        // validation rejects register no exporter, and the options above report them at start-up by name.
        if (TelemetryOptions.TryRead(builder.Configuration) is not { Exporter: not TelemetryExporter.None } options)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("AdoptionBot"));
        telemetry
            .WithTracing(tracing => tracing.AddSource(BotMetrics.ActivitySourceName))
            // Every module's meter is named AdoptionBot or AdoptionBot.<module> (AdoptionBot.AI).
            .WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName, BotMetrics.MeterName + ".*").AddRuntimeInstrumentation());
        if (options.Exporter == TelemetryExporter.AzureMonitor)
        {
            // The distribution adds the ASP.NET Core and HttpClient instrumentation and the log exporter itself.
            telemetry.UseAzureMonitor(azure => azure.ConnectionString = options.ApplicationInsightsConnectionString);
            return builder;
        }

        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (options.Exporter == TelemetryExporter.Console)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }
        else if (options.OtlpEndpointUri is { } endpoint)
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol == OtlpProtocol.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, endpoint);
        }

        return builder;
    }

    // App Service probes every minute: not worth a trace each.
    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);
}
