namespace AdoptionBot.Questions;

/// <summary>Outcome values stored for each question.</summary>
public static class AnswerOutcomes
{
    public const string Answered = "answered";
    public const string NotCovered = "notCovered";

    /// <summary>The question is not in a language the configured embeddings read: the asker was told so in their language.</summary>
    public const string OtherLanguage = "otherLanguage";
}

/// <summary>Values of the answers metric's "outcome" tag besides <see cref="AnswerOutcomes"/>.</summary>
public static class AnswerMetricOutcomes
{
    /// <summary>The knowledge search or the embedding model failed: the user was told to ask again later.</summary>
    public const string Unavailable = "unavailable";
}

/// <summary>One question asked and what the bot did with it; the weekly digest reads these.</summary>
public sealed class QuestionRecord
{
    public long Id { get; set; }

    /// <summary>The id of the bot's answer message (the connector's activity id); feedback refers to it.</summary>
    public required string AnswerId { get; set; }

    /// <summary>
    /// The conversation it was asked in, for reading a follow-up with the question before it; cleared once the follow-up
    /// window (Questions:FollowUpMinutes) is over, so a stored question does not lead back to a chat.
    /// </summary>
    public string? ConversationId { get; set; }

    /// <summary>The Microsoft 365 tenant it was asked in: figures of one tenant never include another's.</summary>
    public string? TenantId { get; set; }

    public required string ConversationType { get; set; }

    /// <summary>The keyed hash of the asker (<see cref="AskerHash"/>): enough to count askers and find a follow-up, not to name them.</summary>
    public string? AskerHash { get; set; }

    /// <summary>
    /// The business unit the question counts for in that unit's digest: the unit of the linked channel it was asked
    /// in, else the unit of the asker's department in Microsoft Graph; null when neither is known.
    /// </summary>
    public string? BusinessUnit { get; set; }

    public required string Question { get; set; }

    public required string Outcome { get; set; }

    /// <summary>Source ids cited in the answer, separated by '|'.</summary>
    public string Sources { get; set; } = "";

    public double TopRelevance { get; set; }

    public int LatencyMs { get; set; }

    public DateTime AskedAtUtc { get; set; }
}

/// <summary>A thumbs up/down (and optional comment) an employee gave an answer.</summary>
public sealed class AnswerFeedbackRecord
{
    public long Id { get; set; }

    public required string AnswerId { get; set; }

    /// <summary>"like" or "dislike".</summary>
    public required string Reaction { get; set; }

    public string? Text { get; set; }

    public string? UserHash { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}
