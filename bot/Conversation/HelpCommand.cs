using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Conversation;

/// <summary>"help": what the bot can do. Also the welcome text and the answer to an empty message.</summary>
public sealed class HelpCommand(AdminGuard guard) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["help", "?", "hi", "hello"];

    public bool AdminOnly => false;

    public Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(HelpActivity(guard.IsAdmin(turnContext.Activity)), cancellationToken);

    public static Activity HelpActivity(bool isAdmin)
    {
        var text = "I answer questions about our **GenAI guidelines** and the **catalogue of AI use cases**, and I show where each answer comes from.\n\n" +
            "Ask in your own words, for example:\n" +
            "- *Can I paste customer data into ChatGPT?*\n" +
            "- *Which AI tools are approved for confidential data?*\n" +
            "- *Is anyone already working on summarising warranty claims?*\n\n" +
            "If the guidelines don't cover your question, I say so instead of guessing. In a channel, @mention me.\n\n" +
            "Commands:\n" +
            "- **new idea** — submit a GenAI use-case idea\n" +
            "- **my ideas** — the ideas you submitted and where they stand\n" +
            "- **idea IDEA-0001** — one idea and its history\n" +
            "- in a team channel: **link** *business unit* — idea status updates and the weekly digest here; **channel**, **unlink**, **digest preview**\n" +
            "- **help** — this message";
        if (isAdmin)
        {
            text += "\n\nPortfolio team: **triage** — open ideas with buttons to move them on; **channels** — every channel link; **digest preview** / **digest send** — this week's adoption digest, shown to you / sent now; **reindex** — re-read the knowledge folder now.";
        }

        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }
}
