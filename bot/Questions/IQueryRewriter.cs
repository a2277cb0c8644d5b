using AdoptionBot.Questions.FollowUps;

namespace AdoptionBot.Questions;

/// <summary>
/// Turns a follow-up or a vague question into a search query of its own before retrieval (a language model's, when
/// one is configured). Null keeps what the bot would search for anyway; it must answer within its own time limit.
/// </summary>
public interface IQueryRewriter
{
    Task<string?> RewriteAsync(QuestionInContext question, CancellationToken cancellationToken);
}

/// <summary>The embedded default: no rewriting; a follow-up is searched with the words of the question before it.</summary>
public sealed class NoQueryRewriter : IQueryRewriter
{
    public static NoQueryRewriter Instance { get; } = new();

    public Task<string?> RewriteAsync(QuestionInContext question, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
