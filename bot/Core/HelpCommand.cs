using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Core;

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
            "If the guidelines don't cover your question, I say so instead of guessing, and **Ask the GenAI team** under my answer hands it to the experts: their answer comes back to this chat. In a channel, @mention me.\n\n" +
            "Commands:\n" +
            "- **new idea** — submit a GenAI use-case idea\n" +
            "- **my ideas** — the ideas you submitted and where they stand\n" +
            "- **idea IDEA-0001** or **idea UC-101** — one use case and its history\n" +
            "- **faqs** — the answers the GenAI team published\n" +
            "- in a team channel: **link** *business unit* — idea status updates and the weekly digest here; **channel**, **unlink**, **digest preview**\n" +
            "- **help** — this message";
        if (isAdmin)
        {
            text += "\n\nPortfolio team: **triage** — new ideas with the four first answers; **idea** *id* — a use case with its assessment, AI Act screening and gate checklist; **board** — the next board meeting's agenda, to record its decisions; **register** — the AI use-case register; **portfolio export** / **portfolio import** — the whole portfolio as an Excel workbook, and back (attach the workbook or a CSV file; you see what would change first); **channels** — every channel link; **gaps** — unanswered questions and answers rated unhelpful, to hand to the experts; **faqs** — the FAQ entries, with those waiting for your approval; **link experts** in a team channel — questions for the GenAI team arrive there as tickets; **digest preview** / **digest send** — this week's adoption digest, shown to you / sent now; **reindex** — re-read the knowledge folder now.";
        }

        return Markdown(text);
    }

    /// <summary>What a user who installs the bot reads first.</summary>
    public static Activity PersonalWelcome() => Markdown("Hi! I'm AdoptionBot, your guide to generative AI at work.\n\n" + HelpActivity(isAdmin: false).Text);

    /// <summary>What a team reads when the bot is added to it.</summary>
    public static Activity TeamWelcome() => Markdown(
        "Hi, I'm AdoptionBot. I answer questions about our GenAI guidelines and use cases, and I can keep this channel " +
        "up to date on a business unit's GenAI ideas as they move through the pipeline.\n\n" +
        "To follow a business unit here, @mention me with **link** and its name, for example: " +
        "**@AdoptionBot link Research and Development**. **channel** shows the current link, **unlink** stops it.");

    private static Activity Markdown(string text)
    {
        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }
}
