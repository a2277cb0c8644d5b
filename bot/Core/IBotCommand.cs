using Microsoft.Bot.Builder;

namespace AdoptionBot.Core;

/// <summary>A text command such as "help" or "reindex". The router picks the one whose name starts the message.</summary>
public interface IBotCommand
{
    /// <summary>The words that invoke the command, lower case; the longest match wins.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Only the portfolio team may run it.</summary>
    bool AdminOnly { get; }

    /// <summary>
    /// Whether the words after the name are this command's form. A command is its exact form: by default its name alone,
    /// so "triage of safety incidents" or "channel partners and AI" are questions, not commands.
    /// </summary>
    bool Accepts(string arguments) => arguments.Length == 0;

    Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken);
}

/// <summary>What a message is that no command claims: a question. The Questions module answers it.</summary>
public interface IQuestionHandler
{
    Task HandleAsync(ITurnContext turnContext, string question, CancellationToken cancellationToken);
}

/// <summary>An invoke activity other than a card action, by its name (e.g. the feedback loop's message/submitAction).</summary>
public interface IInvokeHandler
{
    string Name { get; }

    Task<InvokeResponse> HandleAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>Told what happens to the bot's conversations: each message before it is routed, and the bot leaving a team.</summary>
public interface IConversationObserver
{
    Task MessageReceivedAsync(Microsoft.Bot.Schema.IActivity activity, CancellationToken cancellationToken);

    Task BotRemovedAsync(Microsoft.Bot.Schema.IActivity activity, CancellationToken cancellationToken);
}
