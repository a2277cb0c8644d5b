using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Questions;

/// <summary>How questions are answered. Section "Questions".</summary>
public sealed class QuestionsOptions
{
    public const string SectionName = "Questions";

    /// <summary>
    /// Minimum cosine similarity between the question and the best passage for the bot to answer; below it the bot
    /// says the knowledge base does not cover the question. Calibrated on the evaluation set (docs/benchmarks.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; set; } = 0.23;

    /// <summary>Passages retrieved per question.</summary>
    [Range(1, 50)]
    public int MaxPassages { get; set; } = 6;

    /// <summary>Sources an answer may cite (Teams shows at most 20).</summary>
    [Range(1, 20)]
    public int MaxCitations { get; set; } = 3;

    /// <summary>Longest question accepted, in characters.</summary>
    [Range(100, 20000)]
    public int MaxQuestionLength { get; set; } = 4000;

    /// <summary>Who to ask when the knowledge base has no answer, as shown to the employee.</summary>
    [Required]
    public string GenAiTeamContact { get; set; } = "your GenAI team";
}
