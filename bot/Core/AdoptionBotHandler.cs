using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace AdoptionBot.Core;

/// <summary>
/// The Teams activity handler. It only routes, to what the capabilities registered: card actions to the card action
/// router, commands to the command router, other text to the question handler, invokes by name, and each message
/// and the bot's leaving a team to the conversation observers; installs get the welcome.
/// </summary>
public sealed class AdoptionBotHandler(
    CommandRouter commands,
    IQuestionHandler questions,
    IEnumerable<IInvokeHandler> invokes,
    CardActionRouter cardActions,
    IEnumerable<IConversationObserver> observers,
    AdminGuard guard) : TeamsActivityHandler
{
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        foreach (var observer in observers)
        {
            await observer.MessageReceivedAsync(activity, cancellationToken);
        }

        if (CardActionRouter.IsCardSubmission(activity))
        {
            await cardActions.HandleSubmissionAsync(turnContext, cancellationToken); // Action.Submit from clients without Universal Actions
            return;
        }

        var inSharedConversation = activity.Conversation?.ConversationType is "channel" or "groupChat";
        if (inSharedConversation && !MentionsBot(activity))
        {
            return; // in channels and group chats the bot speaks only when @mentioned
        }

        activity.RemoveRecipientMention();
        var text = (activity.Text ?? "").Trim();
        if (text.Length == 0)
        {
            await turnContext.SendActivityAsync(HelpCommand.HelpActivity(guard.IsAdmin(activity)), cancellationToken);
            return;
        }

        if (!await commands.TryRouteAsync(turnContext, text, cancellationToken))
        {
            await questions.HandleAsync(turnContext, text, cancellationToken);
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Welcome once, when the bot itself joins: a personal chat (a user installed it) or a team.
        if (!membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            return;
        }

        await turnContext.SendActivityAsync(ConversationScope.IsPersonal(turnContext.Activity) ? HelpCommand.PersonalWelcome() : HelpCommand.TeamWelcome(), cancellationToken);
    }

    protected override async Task OnMembersRemovedAsync(IList<ChannelAccount> membersRemoved, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (membersRemoved.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            foreach (var observer in observers)
            {
                await observer.BotRemovedAsync(turnContext.Activity, cancellationToken);
            }
        }
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (invokes.FirstOrDefault(i => i.Name == turnContext.Activity.Name) is { } handler)
        {
            return await handler.HandleAsync(turnContext, cancellationToken);
        }

        var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        // The SDK answers invokes nobody handles with 501; for the caller that is a bad request, not a server fault.
        return response.Status == (int)HttpStatusCode.NotImplemented ? new InvokeResponse { Status = (int)HttpStatusCode.BadRequest } : response;
    }

    protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        cardActions.HandleInvokeAsync(turnContext, invokeValue, cancellationToken);

    private static bool MentionsBot(IMessageActivity activity) =>
        activity.GetMentions().Any(m => m.Mentioned?.Id == activity.Recipient?.Id);
}
