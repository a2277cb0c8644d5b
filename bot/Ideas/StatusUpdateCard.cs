using AdoptionBot.Core;
using AdoptionBot.Core.Cards;

namespace AdoptionBot.Ideas;

/// <summary>The card a linked channel (and the submitter) gets when an idea moves.</summary>
public static class StatusUpdateCard
{
    private static readonly Dictionary<string, string> NextSteps = new()
    {
        [PipelineStages.Assessment] = "The portfolio office assesses value, feasibility, data and risk, and comes back to the submitter.",
        [PipelineStages.ProofOfConcept] = "A proof of concept of at most eight weeks, on public or synthetic data, tests whether it works.",
        [PipelineStages.Pilot] = "A pilot with real users in the business unit measures the benefit before any rollout decision.",
        [PipelineStages.Rollout] = "The use case goes into industrial rollout and joins the catalogue as a standard tool.",
        [PipelineStages.Parked] = "The idea rests for now; the portfolio office can resume it into assessment later.",
        [PipelineStages.Rejected] = "The idea does not go ahead. The comment says why.",
    };

    public static AdaptiveCard Build(Idea idea, IdeaStatusChange change, bool forSubmitter)
    {
        var from = change.FromStatus is null ? "New" : PipelineStages.DisplayName(change.FromStatus);
        var body = new List<CardElement>
        {
            new TextBlock(forSubmitter ? $"Your idea {idea.DisplayId} moved on" : $"{CardText.Plain(idea.BusinessUnit)}: an idea moved on") { Weight = "bolder", Size = "medium" },
            new TextBlock($"{idea.DisplayId} {CardText.Plain(idea.Title)}") { Weight = "bolder", Spacing = "small" },
            new FactSet
            {
                Facts =
                [
                    new Fact("Status", $"{from} → {PipelineStages.DisplayName(change.ToStatus)}"),
                    new Fact("Changed by", CardText.Plain(change.ChangedByName)),
                    new Fact("Submitted by", CardText.Plain(idea.SubmitterName)),
                ],
            },
        };
        if (!string.IsNullOrWhiteSpace(change.Comment))
        {
            body.Add(new TextBlock("“" + CardText.Plain(change.Comment) + "”") { IsSubtle = true });
        }

        if (NextSteps.TryGetValue(change.ToStatus, out var next))
        {
            body.Add(new TextBlock("Next step: " + next) { Spacing = "small" });
        }

        body.Add(new TextBlock($"Type **idea {idea.DisplayId}** to see its history.") { IsSubtle = true, Size = "small" });
        return new AdaptiveCard { Body = body };
    }
}
