using System.Globalization;
using System.Net;
using System.Text;
using AdoptionBot.Knowledge.Retrieval;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AdoptionBot.AI;

/// <summary>
/// The instructions from AI/Prompts/answer.md (read once) and the user message: the retrieved passages, numbered and
/// fenced as quoted data, then the question. Markup inside passages is escaped so no passage can close its own block.
/// </summary>
public sealed class AnswerPrompt
{
    public const string RelativePath = "AI/Prompts/answer.md";

    public AnswerPrompt(string instructions) => Instructions = instructions;

    public string Instructions { get; }

    /// <summary>The prompt file shipped beside the bot's assembly.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, RelativePath);

    public static AnswerPrompt Load(string path) => new(PromptFile.Read(path, "answer", RelativePath));

    public ChatHistory Build(string question, IReadOnlyList<RetrievedPassage> passages)
    {
        var history = new ChatHistory(Instructions);
        history.AddUserMessage(UserMessage(question, passages));
        return history;
    }

    internal static string UserMessage(string question, IReadOnlyList<RetrievedPassage> passages)
    {
        var message = new StringBuilder("<passages>\n");
        for (var i = 0; i < passages.Count; i++)
        {
            var chunk = passages[i].Chunk;
            var source = chunk.HeadingPath.Length == 0 ? chunk.Title : $"{chunk.Title} › {chunk.HeadingPath}";
            message.Append(CultureInfo.InvariantCulture, $"<passage number=\"{i + 1}\" source=\"{Escape(source)}\">\n")
                .Append(Escape(chunk.Text.Trim()))
                .Append("\n</passage>\n");
        }

        return message.Append("</passages>\n\n<question>\n").Append(Escape(question.Trim())).Append("\n</question>").ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
