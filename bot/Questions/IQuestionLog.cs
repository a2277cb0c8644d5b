namespace AdoptionBot.Questions;

/// <summary>Records questions, their outcomes and the feedback on answers, for the adoption digest.</summary>
public interface IQuestionLog
{
    Task RecordQuestionAsync(QuestionRecord record, CancellationToken cancellationToken);

    Task RecordFeedbackAsync(AnswerFeedbackRecord record, CancellationToken cancellationToken);

    /// <summary>The question an answer (by the answer message's id) was given to; null when it is unknown or past retention.</summary>
    Task<string?> QuestionOfAnswerAsync(string answerId, CancellationToken cancellationToken);
}
