using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace AdoptionBot.Hosting;

/// <summary>The Bot Framework adapter, with the tenant allow-list in front of every turn and one error handler for all.</summary>
public sealed class AdoptionBotAdapter : CloudAdapter
{
    public AdoptionBotAdapter(BotFrameworkAuthentication authentication, TenantAllowList tenantAllowList, ILogger<AdoptionBotAdapter> logger)
        : base(authentication, logger)
    {
        Use(tenantAllowList);
        OnTurnError = async (turnContext, exception) =>
        {
            var correlationId = turnContext.Activity?.Id ?? Guid.NewGuid().ToString("N");
            HostingLog.TurnFailed(logger, exception, correlationId, turnContext.Activity?.Type ?? "unknown");
            if (turnContext.Activity?.Type == Microsoft.Bot.Schema.ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync($"Sorry, something went wrong on my side and I couldn't finish that. Please try again; if it keeps happening, tell the GenAI team this reference: {correlationId}.");
            }
        };
    }
}
