using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Questions;

/// <summary>How questions are answered. Section "Questions".</summary>
public sealed class QuestionsOptions : IValidatableObject
{
    public const string SectionName = "Questions";

    public const int MinAskerHashKeyLength = 32;

    /// <summary>
    /// The secret of the keyed hash that stands for the asker on stored questions and feedback (at least 32 characters;
    /// a Key Vault reference in Azure). Empty with the SQLite store: a random key kept in the data folder
    /// (asker-hash.key). With PostgreSQL it must be set, the same on every instance.
    /// </summary>
    public string? AskerHashKey { get; set; }

    /// <summary>The former setting of the stricter threshold for questions with words the knowledge base never uses, refused at start-up: the evidence model weighs those words now.</summary>
    public const string FormerUnknownWordsSetting = SectionName + ":MinRelevanceWithUnknownWords";

    /// <summary>
    /// A floor: below this cosine similarity between the question and its most similar passage the bot never answers,
    /// whatever the evidence model says. The decision above it is <see cref="MinAnswerConfidence"/>'s.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; set; } = 0.15;

    /// <summary>
    /// The bot answers when the evidence model (the best passage's and best sentence's similarity, the share of the
    /// question's words they hold, the share of its words the knowledge base uses, whether the kind of fact asked for
    /// is there, how far the best passage stands out) gives at least this probability that the passages answer the
    /// question; below it, it says the knowledge base does not cover it. Calibrated on one evaluation world and
    /// reported on the other (docs/benchmarks.md): lower it to answer more and decline less, raise it for the reverse.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinAnswerConfidence { get; set; } = 0.40;

    /// <summary>Passages retrieved per question.</summary>
    [Range(1, 50)]
    public int MaxPassages { get; set; } = 6;

    /// <summary>Sources an answer may cite (Teams allows 20; the Agents Playground rejects more than 10).</summary>
    [Range(1, 10)]
    public int MaxCitations { get; set; } = 3;

    /// <summary>Longest question accepted, in characters.</summary>
    [Range(100, 20000)]
    public int MaxQuestionLength { get; set; } = 4000;

    /// <summary>
    /// How long a question that leans on the one before ("and who pays for the pilot?") is read together with the
    /// asker's earlier questions in the same conversation; 0 reads every question on its own.
    /// </summary>
    [Range(0, 24 * 60)]
    public int FollowUpMinutes { get; set; } = 15;

    /// <summary>How many earlier questions give a follow-up its context.</summary>
    [Range(1, 5)]
    public int FollowUpQuestions { get; set; } = 2;

    /// <summary>Days a question (and the feedback on its answer) is kept for analytics; older ones are deleted daily. 0 keeps them.</summary>
    [Range(0, 3650)]
    public int RetentionDays { get; set; } = 180;

    /// <summary>Who to ask when the knowledge base has no answer, as shown to the employee.</summary>
    [Required]
    public string GenAiTeamContact { get; set; } = "your GenAI team";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(AskerHashKey))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(AskerHashKey)} is empty; with a shared PostgreSQL store every instance needs the same secret of at least {MinAskerHashKeyLength} characters (env Questions__AskerHashKey, a Key Vault reference in Azure).",
                [nameof(AskerHashKey)]);
        }
        else if (AskerHashKey.Trim().Length < MinAskerHashKeyLength)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(AskerHashKey)} is shorter than {MinAskerHashKeyLength} characters.", [nameof(AskerHashKey)]);
        }
    }
}
