using System.Diagnostics;
using Microsoft.Bot.Builder;

namespace AdoptionBot.Telemetry;

/// <summary>A span and a count per turn, named by activity type; no message text goes into tags.</summary>
public sealed class TurnTelemetryMiddleware(BotMetrics metrics) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var type = BotMetrics.ActivityTypeTag(activity?.Type);
        metrics.Turn(type);
        using var span = BotMetrics.ActivitySource.StartActivity("turn " + type);
        if (span is not null)
        {
            span.SetTag("bot.activity.type", type);
            span.SetTag("bot.channel", activity?.ChannelId);
            span.SetTag("bot.conversation.type", activity?.Conversation?.ConversationType ?? "personal");
            if (activity?.Type == Microsoft.Bot.Schema.ActivityTypes.Invoke)
            {
                span.SetTag("bot.invoke.name", activity.Name);
            }
        }

        try
        {
            await next(cancellationToken);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
