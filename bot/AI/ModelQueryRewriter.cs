using System.Net;
using AdoptionBot.Questions;
using AdoptionBot.Questions.FollowUps;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace AdoptionBot.AI;

/// <summary>
/// Has the language model write a standalone search query for a follow-up or a vague question (AI/Prompts/rewrite.md),
/// within AI:RewriteTimeoutSeconds. A failure, a timeout or an unusable reply keeps the typed words: it is logged,
/// never thrown.
/// </summary>
public sealed class ModelQueryRewriter(
    IChatCompletionService chat,
    RewritePrompt prompt,
    IOptions<AIOptions> options,
    TimeProvider time,
    ILogger<ModelQueryRewriter> logger) : IQueryRewriter
{
    private const int MaxQueryChars = 200;

    public async Task<string?> RewriteAsync(QuestionInContext question, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.RewriteTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var history = new ChatHistory(prompt.Instructions);
        var earlier = question.EarlierQuestion is null ? "" : $"<earlier>\n{WebUtility.HtmlEncode(question.EarlierQuestion.Trim())}\n</earlier>\n\n";
        history.AddUserMessage($"{earlier}<message>\n{WebUtility.HtmlEncode(question.Question.Trim())}\n</message>");
        try
        {
            var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 60, Temperature = 0 }, cancellationToken: linked.Token);
            var query = Clean(reply.Content);
            AILog.Rewrote(logger, query is not null);
            return query;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            AILog.RewriteFailed(logger, timeout.IsCancellationRequested ? "timeout" : exception.GetType().Name);
            return null;
        }
    }

    /// <summary>The first line of the reply, unquoted, or null when nothing usable is left.</summary>
    internal static string? Clean(string? reply)
    {
        var line = (reply ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        line = line.Trim('"', '\'', '`', ' ');
        return line.Length is 0 or > MaxQueryChars ? null : line;
    }
}

/// <summary>The instructions of the query rewrite, from AI/Prompts/rewrite.md beside the bot's assembly (read once).</summary>
public sealed class RewritePrompt(string instructions)
{
    public const string RelativePath = "AI/Prompts/rewrite.md";

    public string Instructions { get; } = instructions;

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, RelativePath);

    public static RewritePrompt Load(string path) => new(PromptFile.Read(path, "rewrite", RelativePath));
}
