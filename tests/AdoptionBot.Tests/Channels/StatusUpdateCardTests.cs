using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Channels;

public sealed class StatusUpdateCardTests
{
    public static TheoryData<string?, string, bool, string?> Moves() => new()
    {
        { "submitted", "assessment", false, "Strong case; assess data access first." },
        { "assessment", "poc", true, null },
        { "poc", "pilot", false, new string('c', 1000) },
        { "pilot", "rollout", true, "Rolled out to all plants 🎉" },
        { "assessment", "parked", false, "Waiting for the gateway's vision models." },
        { "submitted", "rejected", true, "Duplicate of UC-101." },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public async Task Build_EveryMove_IsAValidCardNamingTheIdeaTheMoveAndWhoMadeIt(string? from, string to, bool forSubmitter, string? comment)
    {
        var idea = new Idea
        {
            Id = 7,
            FormId = "form",
            Title = "Supplier audit summariser",
            Problem = "Audit reports are long.",
            BusinessUnit = "Purchasing",
            DataClassification = "internal",
            Status = to,
            SubmitterName = "Anna Keller",
        };
        var change = new IdeaStatusChange { FromStatus = from, ToStatus = to, ChangedByName = "Paul Portfolio", Comment = comment };

        var json = CardSerializer.ToJson(StatusUpdateCard.Build(idea, change, forSubmitter));

        await AdaptiveCardValidator.Shared.AssertValidAsync(json);
        Assert.Contains("IDEA-0007", json, StringComparison.Ordinal);
        Assert.Contains("Paul Portfolio", json, StringComparison.Ordinal);
        Assert.Contains(PipelineStages.DisplayName(to), json, StringComparison.Ordinal);
        Assert.Contains("Next step", json, StringComparison.Ordinal);
    }
}
