using System.Net;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace AdoptionBot.Hosting;

/// <summary>
/// The Bot Framework adapter: every activity passes one guard before the SDK takes it, the tenant allow-list runs in
/// front of every turn, and every turn has one error handler.
/// </summary>
public sealed class AdoptionBotAdapter : CloudAdapter, IBotFrameworkHttpAdapter
{
    // Read the way the SDK reads a request body (first JSON value, same settings), so the guard sees what the turn would see.
    private static readonly JsonSerializer ActivityReader = JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore, MaxDepth = null });

    private readonly bool _anonymous;
    private readonly ILogger<AdoptionBotAdapter> _logger;
    private readonly BotMetrics? _metrics;

    public AdoptionBotAdapter(BotFrameworkAuthentication authentication, BotIdentityOptions identity, TenantAllowList tenantAllowList, ILogger<AdoptionBotAdapter> logger, BotMetrics? metrics = null)
        : base(authentication, logger)
    {
        _anonymous = identity.IsAnonymous;
        _logger = logger;
        _metrics = metrics;
        Use(tenantAllowList);
        OnTurnError = HandleTurnErrorAsync;
    }

    async Task IBotFrameworkHttpAdapter.ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken)
    {
        if (await ReadActivityAsync(httpRequest, cancellationToken) is { } activity && ActivityGuard.Refusal(activity, _anonymous) is { } reason)
        {
            HostingLog.ActivityRefused(_logger, activity.Type ?? "(none)", reason);
            httpResponse.StatusCode = (int)HttpStatusCode.BadRequest;
            return;
        }

        await ProcessAsync(httpRequest, httpResponse, bot, cancellationToken);
    }

    /// <summary>
    /// The one error handler of every turn: the user hears "try again in a minute" when the store was busy, an apology
    /// with a correlation id otherwise (in the invoke response for a card button), and never the exception's text.
    /// </summary>
    private async Task HandleTurnErrorAsync(ITurnContext turnContext, Exception exception)
    {
        var activity = turnContext.Activity;
        var correlationId = activity?.Id ?? Guid.NewGuid().ToString("N");
        var busy = StoreErrors.IsTransient(exception);
        if (busy)
        {
            HostingLog.TurnStoreBusy(_logger, correlationId, activity?.Type ?? "unknown", exception.GetType().Name);
            _metrics?.StoreBusy("turn");
        }
        else
        {
            HostingLog.TurnFailed(_logger, exception, correlationId, activity?.Type ?? "unknown");
        }

        var text = busy
            ? "My database is busy right now, so I couldn't finish that, and nothing was changed. Please try again in a minute."
            : $"Sorry, something went wrong on my side and I couldn't finish that. Please try again; if it keeps happening, tell the GenAI team this reference: {correlationId}.";
        try
        {
            if (activity?.Type == ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync(text);
            }
            else if (activity is { Type: ActivityTypes.Invoke, Name: "adaptiveCard/action" })
            {
                // A card button gets its answer in the invoke response: the same words, shown where the user clicked.
                await turnContext.SendActivityAsync(InvokeResponse(new InvokeResponse { Status = (int)HttpStatusCode.OK, Body = CardSerializer.MessageResponse(text) }));
            }
            else if (activity?.Type == ActivityTypes.Invoke && busy)
            {
                await turnContext.SendActivityAsync(InvokeResponse(new InvokeResponse { Status = (int)HttpStatusCode.ServiceUnavailable }));
            }
        }
        catch (Exception sendFailure)
        {
            // The connector refused the apology too: the failure is logged above, and the request still gets an answer.
            HostingLog.ApologyNotSent(_logger, correlationId, sendFailure.GetType().Name);
        }
    }

    private static Activity InvokeResponse(InvokeResponse response) => new(ActivityTypesEx.InvokeResponse) { Value = response };

    /// <summary>The activity in the body, or null when it is not one (the SDK then answers 400); the body is rewound for the SDK.</summary>
    private static async Task<Activity?> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        request.EnableBuffering();
        try
        {
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var text = await reader.ReadToEndAsync(cancellationToken);
            using var json = new JsonTextReader(new StringReader(text));
            return ActivityReader.Deserialize<Activity>(json);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
