using System.Net;
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

    public AdoptionBotAdapter(BotFrameworkAuthentication authentication, BotIdentityOptions identity, TenantAllowList tenantAllowList, ILogger<AdoptionBotAdapter> logger)
        : base(authentication, logger)
    {
        _anonymous = identity.IsAnonymous;
        _logger = logger;
        Use(tenantAllowList);
        OnTurnError = async (turnContext, exception) =>
        {
            var correlationId = turnContext.Activity?.Id ?? Guid.NewGuid().ToString("N");
            HostingLog.TurnFailed(logger, exception, correlationId, turnContext.Activity?.Type ?? "unknown");
            if (turnContext.Activity?.Type == ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync($"Sorry, something went wrong on my side and I couldn't finish that. Please try again; if it keeps happening, tell the GenAI team this reference: {correlationId}.");
            }
        };
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
