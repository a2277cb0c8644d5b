using AdoptionBot.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Hosting;

/// <summary>
/// Adapter middleware, the one place that enforces Bot:AllowedTenants: an activity from any other tenant (or from
/// none) ends here, before any handler reads or stores it, and the bot sends nothing back.
/// </summary>
public sealed class TenantAllowList(IOptions<BotOptions> options, ILogger<TenantAllowList> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var allowed = options.Value.AllowedTenants;
        if (allowed.Count == 0)
        {
            await next(cancellationToken);
            return;
        }

        var tenantId = TenantOf(turnContext.Activity);
        if (tenantId is not null && allowed.Any(t => string.Equals(t.Trim(), tenantId, StringComparison.OrdinalIgnoreCase)))
        {
            await next(cancellationToken);
            return;
        }

        HostingLog.TenantRejected(logger, turnContext.Activity.Type ?? "unknown", tenantId ?? "(none)");
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            // An empty 200 like a message gets: the caller learns nothing about why, and the SDK does not answer 501.
            await turnContext.SendActivityAsync(new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 200 } }, cancellationToken);
        }
    }

    /// <summary>The tenant Teams names in conversation.tenantId, else in channelData.tenant.id.</summary>
    public static string? TenantOf(IActivity activity)
    {
        var tenantId = activity.Conversation?.TenantId;
        if (string.IsNullOrWhiteSpace(tenantId) && activity.ChannelData is not null)
        {
            tenantId = activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;
        }

        return string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim();
    }
}
