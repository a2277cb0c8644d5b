using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace AdoptionBot.Delivery;

/// <summary>
/// Replies the Bot Connector cannot take right now (unreachable, 5xx, throttled past the client's own retries) are
/// written to the outbox instead of being lost with the turn: the sender delivers them once the connector is back,
/// once (the key is the incoming activity's id and the reply's place in the turn, so a redelivered activity adds nothing). Typing and streaming updates
/// are dropped, since they mean nothing later; a streamed answer's final message goes out as an ordinary message.
/// Anything else the connector refuses (400, 403, 404) fails the turn as before; the adapter logs it.
/// </summary>
public sealed class ReplySpool(IOutbox outbox, ILogger<ReplySpool> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (IsProactive(turnContext.Activity))
        {
            // The outbox sender's own turn: its failures are the sender's to retry, never a new row.
            await next(cancellationToken);
            return;
        }

        var spooled = 0;
        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            try
            {
                return await nextSend();
            }
            catch (Exception exception) when (ConnectorFailure.IsTransient(exception, cancellationToken) && context.Activity.Conversation is not null)
            {
                var responses = new List<ResourceResponse>();
                foreach (var activity in activities)
                {
                    if (activity.Type == ActivityTypes.Message)
                    {
                        await SpoolAsync(context.Activity, activity, ++spooled, exception, cancellationToken);
                    }

                    responses.Add(new ResourceResponse($"spooled-{Guid.NewGuid():N}"));
                }

                return [.. responses];
            }
        });
        await next(cancellationToken);
    }

    /// <summary>The turns the adapter starts itself to send unprompted: into a known conversation, or into a 1:1 chat it creates first.</summary>
    private static bool IsProactive(Activity activity) =>
        activity is { Type: ActivityTypes.Event, Name: ActivityEventNames.ContinueConversation or ActivityEventNames.CreateConversation };

    private async Task SpoolAsync(Activity incoming, Activity reply, int place, Exception exception, CancellationToken cancellationToken)
    {
        var message = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(reply))!;
        message.Entities = message.Entities?.Where(e => !string.Equals(e.Type, "streaminfo", StringComparison.OrdinalIgnoreCase)).ToList();
        message.ChannelData = null; // the turn's channel data (e.g. streaming) does not apply to a later message
        message.Id = null;
        message.Conversation = null;
        message.From = null;
        message.Recipient = null;
        message.ServiceUrl = null;
        var conversationId = incoming.Conversation.Id;
        // Without an activity id there is nothing to recognise a redelivery by: such a reply gets a key of its own.
        var dedupKey = $"reply:{conversationId}:{incoming.Id ?? Guid.NewGuid().ToString("N")}:{place}";
        var to = new OutboxRecipient(incoming.Conversation.TenantId ?? string.Empty, incoming.ServiceUrl, incoming.Recipient?.Id ?? string.Empty, conversationId);
        // Not added: the same activity was handled before and its reply waits already.
        if (await outbox.EnqueueAsync([new OutboxEntry(to, message, dedupKey, OutboxKinds.Reply)], cancellationToken) == 1)
        {
            DeliveryLog.ReplySpooled(logger, dedupKey, conversationId, ConnectorFailure.Describe(exception));
        }
    }
}
