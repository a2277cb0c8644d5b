using Microsoft.Bot.Builder;

namespace AdoptionBot.Conversation;

/// <summary>A text command such as "help" or "reindex". The router picks the one whose name starts the message.</summary>
public interface IBotCommand
{
    /// <summary>The words that invoke the command, lower case; the longest match wins.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Only the portfolio team may run it.</summary>
    bool AdminOnly { get; }

    Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken);
}
