using AdoptionBot.Core;

namespace AdoptionBot.Tests.Core;

public sealed class PipelineStagesTests
{
    [Theory]
    [InlineData("poc", "poc")]
    [InlineData("Proof of Concept", "poc")]
    [InlineData("PoC", "poc")]
    [InlineData("proof-of-concept", "poc")]
    [InlineData("Pilot", "pilot")]
    [InlineData("Live", "rollout")]
    [InlineData("In production", "rollout")]
    [InlineData("Industrial rollout", "rollout")]
    [InlineData("On hold", "parked")]
    [InlineData("Idea", "idea")]
    [InlineData("Assessment", "assessment")]
    [InlineData("Under evaluation", "assessment")]
    [InlineData("Rejected", "rejected")]
    public void FromText_CommonSpellings_NameTheStage(string text, string stage) =>
        Assert.Equal(stage, PipelineStages.FromText(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Waiting for Bob")]
    public void FromText_NoStageNamed_IsNull(string? text) =>
        Assert.Null(PipelineStages.FromText(text));
}
