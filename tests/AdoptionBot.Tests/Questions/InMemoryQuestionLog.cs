using AdoptionBot.Questions;

namespace AdoptionBot.Tests.Questions;

/// <summary>Keeps recorded questions and feedback in lists for the test to read.</summary>
public sealed class InMemoryQuestionLog : IQuestionLog
{
    public List<QuestionRecord> Questions { get; } = [];

    public List<AnswerFeedbackRecord> Feedback { get; } = [];

    public Task RecordQuestionAsync(QuestionRecord record, CancellationToken cancellationToken)
    {
        Questions.Add(record);
        return Task.CompletedTask;
    }

    public Task RecordFeedbackAsync(AnswerFeedbackRecord record, CancellationToken cancellationToken)
    {
        Feedback.Add(record);
        return Task.CompletedTask;
    }

    public Task<string?> QuestionOfAnswerAsync(string answerId, CancellationToken cancellationToken) =>
        Task.FromResult(Questions.LastOrDefault(q => q.AnswerId == answerId)?.Question);
}
