using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using AdoptionBot.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Hosting;

public static class BotHostingExtensions
{
    /// <summary>The local default address, the Teams Toolkit convention; --urls or ASPNETCORE_URLS override it.</summary>
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplicationBuilder AddBotHosting(this WebApplicationBuilder builder)
    {
        if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrWhiteSpace(builder.Configuration[key])))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The tabs' scripts and styles from packages (Fluent UI, Blazor) are served from where the build left them, in any
        // environment; a published app has them in wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<BotIdentityOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TenantAllowList>();

        // Every call to the Bot Connector (a turn's replies, the outbox's sends) ends after Delivery:ConnectorTimeoutSeconds,
        // not HttpClient's 100 s: an outbox send must not outlast its lease.
        services.AddHttpClient(ConnectorHttpClients.Name)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.ConnectorTimeout);

        // The SDK reads MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId itself.
        services.AddSingleton<BotFrameworkAuthentication>(sp =>
        {
            // Validate the settings first, so a missing value is reported by name instead of as the SDK's exception.
            _ = sp.GetRequiredService<IOptions<BotIdentityOptions>>().Value;
            var sdk = new ConfigurationBotFrameworkAuthentication(
                sp.GetRequiredService<IConfiguration>(),
                null,
                null,
                new ConnectorHttpClients(sp.GetRequiredService<IHttpClientFactory>()),
                sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>());
            return new TokenRefusingAuthentication(sdk, sp.GetRequiredService<ILogger<AdoptionBotAdapter>>());
        });
        // CloudAdapter has two public constructors the container cannot choose between: register it by factory.
        services.AddSingleton(sp =>
        {
            var adapter = new AdoptionBotAdapter(
                sp.GetRequiredService<BotFrameworkAuthentication>(),
                sp.GetRequiredService<IOptions<BotIdentityOptions>>().Value,
                sp.GetRequiredService<TenantAllowList>(),
                sp.GetRequiredService<ILogger<AdoptionBotAdapter>>(),
                sp.GetRequiredService<BotMetrics>());
            // The middleware of every turn, in order, after the tenant allow-list: the turn's span and count, the guard
            // that keeps every card under Teams' size limit, then the spool that keeps replies the connector could not take.
            adapter.Use(sp.GetRequiredService<TurnTelemetryMiddleware>());
            adapter.Use(sp.GetRequiredService<CardSizeGuard>());
            adapter.Use(sp.GetRequiredService<ReplySpool>());
            return adapter;
        });
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdoptionBotAdapter>());
        // The outbox sender posts through the same adapter.
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<AdoptionBotAdapter>());
        services.AddHostedService<ExposureWarnings>();
        return builder;
    }

    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILogger<AdoptionBotAdapter>>();
        app.MapPost("/api/messages", async (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, IOptions<BotOptions> options, CancellationToken cancellationToken) =>
        {
            // Read per request, not while mapping: a bad Bot setting must reach RunBot's one-line message, not a stack trace.
            var maxBytes = options.Value.MaxRequestKilobytes * 1024L;
            if (request.ContentLength > maxBytes)
            {
                HostingLog.RequestTooLarge(logger, request.ContentLength.Value, maxBytes);
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            // A body without a length (chunked) is cut off by the server at the same size.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            {
                sizeLimit.MaxRequestBodySize = maxBytes;
            }

            try
            {
                await adapter.ProcessAsync(request, response, bot, cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !response.HasStarted)
            {
                HostingLog.RequestTooLarge(logger, -1, maxBytes);
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
        });
        return app;
    }

    /// <summary>Runs the app; a setting that fails validation ends the process with exit code 1 and one plain line naming it.</summary>
    public static int RunBot(this WebApplication app)
    {
        try
        {
            // Settings are checked before the host starts, so a bad one gives the operator its message, not a stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.Run();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            return CannotStart(ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several option classes failed, or one failed again inside another's set-up: each setting's message once.
            return CannotStart(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A setting of the wrong kind (a misspelt choice, text for a number): the binder's message names key and value.
            var allowed = ex.InnerException?.InnerException is ArgumentException && ex.Message.Contains("to type '", StringComparison.Ordinal)
                ? AllowedValues(ex.Message)
                : "";
            Console.Error.WriteLine($"AdoptionBot cannot start: {ex.Message}{allowed}");
            return 1;
        }
    }

    private static int CannotStart(IEnumerable<string> failures)
    {
        Console.Error.WriteLine("AdoptionBot cannot start: " + string.Join(" ", failures.Select(SettingMessage).Distinct(StringComparer.Ordinal)));
        return 1;
    }

    /// <summary>" Allowed: A, B." for a configuration value that had to be one of an enum's names.</summary>
    private static string AllowedValues(string message)
    {
        var start = message.LastIndexOf("to type '", StringComparison.Ordinal) + "to type '".Length;
        var typeName = message[start..].TrimEnd('.', '\'');
        var type = typeof(BotHostingExtensions).Assembly.GetType(typeName);
        return type is { IsEnum: true } ? $" Allowed: {string.Join(", ", Enum.GetNames(type))}." : "";
    }

    /// <summary>The message of a data-annotation failure without the framework's wrapping around it.</summary>
    private static string SettingMessage(string failure)
    {
        const string Marker = "with the error: '";
        var start = failure.IndexOf(Marker, StringComparison.Ordinal);
        return start < 0 ? failure : failure[(start + Marker.Length)..].TrimEnd('.', '\'', ' ') + ".";
    }

    private sealed class ExposureWarnings(IOptions<BotIdentityOptions> identity, IOptions<BotOptions> bot, ILogger<ExposureWarnings> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (identity.Value.IsAnonymous)
            {
                HostingLog.AnonymousMode(logger);
            }
            else if (bot.Value.AllowedTenants.Count == 0)
            {
                HostingLog.AllTenantsAllowed(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
