namespace AdoptionBot.Questions.FollowUps;

/// <summary>The questions one person asked earlier in one conversation, newest first.</summary>
public interface IQuestionHistory
{
    Task<IReadOnlyList<string>> RecentAsync(string conversationId, string askerHash, DateTime sinceUtc, int max, CancellationToken cancellationToken);
}
