using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Core;

/// <summary>The sender's 1:1 chat with the bot, reached from any conversation (the Channels module provides it).</summary>
public interface IPersonalChat
{
    /// <summary>Sends <paramref name="messages"/> to the 1:1 chat of whoever sent <paramref name="activity"/>; false when the bot cannot reach them there.</summary>
    Task<bool> SendAsync(IActivity activity, IReadOnlyList<IActivity> messages, CancellationToken cancellationToken);
}

/// <summary>
/// Answers that are for the sender alone (the portfolio team's views: every open idea with names and excerpts):
/// in a 1:1 chat they are sent as usual; in a channel or group chat they go to the sender's 1:1 chat instead, and
/// the shared conversation is only told so.
/// </summary>
public sealed class PrivateAnswers(IPersonalChat personalChat)
{
    public async Task RunAsync(ITurnContext turnContext, string what, Func<ITurnContext, Task> answer, CancellationToken cancellationToken)
    {
        if (ConversationScope.IsPersonal(turnContext.Activity))
        {
            await answer(turnContext);
            return;
        }

        var messages = new List<IActivity>();
        var capturing = true;
        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            if (!capturing)
            {
                return await next();
            }

            messages.AddRange(activities.Where(a => a.Type == ActivityTypes.Message).Select(Detached));
            return [.. activities.Select(_ => new ResourceResponse(Guid.NewGuid().ToString("N")))];
        });
        try
        {
            await answer(turnContext);
        }
        finally
        {
            capturing = false;
        }

        var sent = messages.Count > 0 && await personalChat.SendAsync(turnContext.Activity, messages, cancellationToken);
        await turnContext.SendActivityAsync(
            sent
                ? $"I've sent **{what}** to you in our 1:1 chat: the portfolio team's views are not shown in shared conversations."
                : $"**{what}** is shown only in a 1:1 chat with me, so that no one else reads it there. Open one and ask again.",
            cancellationToken: cancellationToken);
    }

    /// <summary>The message without the shared conversation's addressing, to be sent somewhere else.</summary>
    private static Activity Detached(Activity activity) => new()
    {
        Type = ActivityTypes.Message,
        Text = activity.Text,
        TextFormat = activity.TextFormat,
        Attachments = activity.Attachments,
        AttachmentLayout = activity.AttachmentLayout,
    };
}
