using System.Text;
using AdoptionBot.Core;
using AdoptionBot.Ideas;

namespace AdoptionBot.Tests.Ideas;

/// <summary>Realistic ideas and texts for card and rule tests; lengths are exact so limits can be tested.</summary>
internal static class IdeaSamples
{
    public static readonly DateTime Now = new(2025, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    public static readonly IReadOnlyList<string> BusinessUnits =
        ["Claims", "Customer Service", "Finance", "Human Resources", "Legal & Compliance", "Underwriting", "IT Operations"];

    private const string Prose =
        "Claim handlers re-key the details of every damage report from scanned PDFs into the claims system, " +
        "then look up the policy wording by hand to see whether the damage is covered. A report takes about " +
        "twelve minutes; in storm season the backlog grows to three weeks and customers call to ask where " +
        "their money is. Errors in the re-keyed amounts cause one complaint in forty. ";

    private static readonly string[] People = ["Anna Kowalska", "Jörg Müller", "Sophie Laurent", "Ravi Menon", "Chloé Dubois"];

    /// <summary>Readable prose of exactly <paramref name="length"/> characters.</summary>
    public static string Text(int length, string start = "")
    {
        var text = new StringBuilder(start, length + Prose.Length);
        while (text.Length < length)
        {
            text.Append(Prose);
        }

        return text.ToString(0, length);
    }

    public static Idea Idea(int id, string status = PipelineStages.Submitted, int problemLength = 420, int titleLength = 0, int version = 1)
    {
        var created = Now.AddDays(-40 + (id % 30));
        var title = titleLength > 0 ? Text(titleLength, $"Claims intake assistant {id}: ") : $"Claims intake assistant {id}";
        return new Idea
        {
            Id = id,
            FormId = $"form-{id:D4}",
            Title = title,
            Problem = Text(problemLength),
            Solution = Text(600, "A model reads the scanned report, fills the claim form and quotes the matching policy clause. "),
            BusinessUnit = BusinessUnits[id % BusinessUnits.Count],
            Benefit = "About 8 minutes saved per claim, 3,500 claims a month; fewer complaints about wrong amounts.",
            DataClassification = "confidential",
            PersonalData = id % 2 == 0,
            Status = status,
            SubmitterObjectId = $"00000000-0000-0000-0000-{id:D12}",
            SubmitterName = People[id % People.Length],
            SubmitterChannelId = $"29:1user{id}",
            CreatedAtUtc = created,
            UpdatedAtUtc = created.AddDays(2),
            Version = version,
            History =
            [
                new IdeaStatusChange { Id = id * 100, IdeaId = id, ToStatus = PipelineStages.Submitted, ChangedByName = People[id % People.Length], ChangedAtUtc = created },
            ],
        };
    }

    /// <summary>An idea that went back and forth through the pipeline <paramref name="changes"/> times, each move with a comment.</summary>
    public static Idea IdeaWithHistory(int id, int changes, int commentLength)
    {
        var idea = Idea(id, PipelineStages.Assessment, problemLength: IdeaSubmission.MaxProblem, titleLength: IdeaSubmission.MaxTitle);
        idea.Solution = Text(IdeaSubmission.MaxSolution);
        idea.Benefit = Text(IdeaSubmission.MaxBenefit);
        var status = PipelineStages.Submitted;
        for (var i = 0; i < changes; i++)
        {
            var to = status == PipelineStages.Parked ? PipelineStages.Assessment : i % 2 == 0 ? PipelineStages.Parked : IdeaStatuses.NextOf(status)!;
            idea.History.Add(new IdeaStatusChange
            {
                Id = (id * 100) + i + 1,
                IdeaId = id,
                FromStatus = status,
                ToStatus = to,
                Comment = Text(commentLength, $"Decision {i + 1}: "),
                ChangedByName = People[i % People.Length],
                ChangedAtUtc = idea.CreatedAtUtc.AddDays(i + 1),
            });
            status = to;
        }

        idea.Status = status;
        idea.Version = changes + 1;
        return idea;
    }
}
