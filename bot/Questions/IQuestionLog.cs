namespace AdoptionBot.Questions;

/// <summary>Records questions, their outcomes and the feedback on answers, for the adoption digest.</summary>
public interface IQuestionLog
{
    Task RecordQuestionAsync(QuestionRecord record, CancellationToken cancellationToken);

    Task RecordFeedbackAsync(AnswerFeedbackRecord record, CancellationToken cancellationToken);
}
