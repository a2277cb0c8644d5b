namespace AdoptionBot.Questions.FollowUps;

/// <summary>A question as the employee typed it, with what the bot searches for and, for a follow-up, what it follows.</summary>
/// <param name="Question">The text the employee typed.</param>
/// <param name="SearchText">What retrieval searches for: the question, or a follow-up with its earlier context.</param>
/// <param name="EarlierQuestion">The asker's previous question when this one follows it up; null otherwise.</param>
public sealed record QuestionInContext(string Question, string SearchText, string? EarlierQuestion)
{
    public static QuestionInContext Standalone(string question) => new(question, question, null);

    /// <summary>The question for the composer: a follow-up names the question it follows.</summary>
    public string ForComposer => EarlierQuestion is null ? Question : $"{Question} (following up on: {EarlierQuestion})";
}
