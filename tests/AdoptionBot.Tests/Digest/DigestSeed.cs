using AdoptionBot.Core;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Storage;

namespace AdoptionBot.Tests.Digest;

/// <summary>Builds store rows for digest tests: ideas with their moves, questions and feedback.</summary>
internal static class DigestSeed
{
    public static Idea Idea(string businessUnit, string status, DateTime submittedUtc, params (string To, DateTime AtUtc)[] moves)
    {
        var idea = new Idea
        {
            FormId = Guid.NewGuid().ToString("N"),
            Title = "Idea in " + businessUnit,
            Problem = "A problem worth solving.",
            BusinessUnit = businessUnit,
            DataClassification = "internal",
            Status = status,
            SubmitterName = "Anna Kowalska",
            CreatedAtUtc = submittedUtc,
            UpdatedAtUtc = moves.Length == 0 ? submittedUtc : moves[^1].AtUtc,
        };
        idea.History.Add(new IdeaStatusChange { ToStatus = PipelineStages.Submitted, ChangedByName = "Anna Kowalska", ChangedAtUtc = submittedUtc });
        var from = PipelineStages.Submitted;
        foreach (var (to, at) in moves)
        {
            idea.History.Add(new IdeaStatusChange { FromStatus = from, ToStatus = to, ChangedByName = "Ravi Menon", ChangedAtUtc = at });
            from = to;
        }

        return idea;
    }

    public static QuestionRecord Question(string text, string outcome, DateTime askedUtc, string? askerHash, string? answerId = null, string? businessUnit = null) => new()
    {
        BusinessUnit = businessUnit,
        AnswerId = answerId ?? Guid.NewGuid().ToString("N"),
        ConversationId = "a:1conversation",
        ConversationType = "personal",
        AskerHash = askerHash,
        Question = text,
        Outcome = outcome,
        AskedAtUtc = askedUtc,
    };

    public static AnswerFeedbackRecord Feedback(string reaction, DateTime receivedUtc, string? answerId = null) => new()
    {
        AnswerId = answerId ?? Guid.NewGuid().ToString("N"),
        Reaction = reaction,
        ReceivedAtUtc = receivedUtc,
    };

    public static async Task AddAsync(AdoptionBotDbContext db, params object[] rows)
    {
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }
}
