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

    /// <summary>
    /// Minimum cosine similarity between the question and the best passage for the bot to answer; below it the bot
    /// says the knowledge base does not cover the question. Calibrated on the evaluation set (docs/benchmarks.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; set; } = 0.23;

    /// <summary>
    /// The stricter threshold for a question that uses words found nowhere in the knowledge base ("canteen",
    /// "vpn"): such a question is answered only when the best passage is this similar. Calibrated like MinRelevance.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinRelevanceWithUnknownWords { get; set; } = 0.32;

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
