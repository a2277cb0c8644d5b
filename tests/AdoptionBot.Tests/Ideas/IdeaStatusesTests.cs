using AdoptionBot.Core;
using AdoptionBot.Ideas;

namespace AdoptionBot.Tests.Ideas;

public sealed class IdeaStatusesTests
{
    private const string Submitted = PipelineStages.Submitted;
    private const string Assessment = PipelineStages.Assessment;
    private const string Poc = PipelineStages.ProofOfConcept;
    private const string Pilot = PipelineStages.Pilot;
    private const string Rollout = PipelineStages.Rollout;
    private const string Parked = PipelineStages.Parked;
    private const string Rejected = PipelineStages.Rejected;

    /// <summary>The whole pipeline as the portfolio office runs it; every other move is refused.</summary>
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        (Submitted, Assessment), (Assessment, Poc), (Poc, Pilot), (Pilot, Rollout),
        (Submitted, Parked), (Assessment, Parked), (Poc, Parked), (Pilot, Parked),
        (Submitted, Rejected), (Assessment, Rejected), (Poc, Rejected), (Pilot, Rejected),
        (Parked, Assessment), (Parked, Rejected),
        (Submitted, PipelineStages.Merged),
    ];

    public static TheoryData<string, string> AllowedMoves()
    {
        var moves = new TheoryData<string, string>();
        foreach (var (from, to) in Allowed)
        {
            moves.Add(from, to);
        }

        return moves;
    }

    [Fact]
    public void CanMove_EveryPairOfStatuses_AllowsExactlyThePipelineMoves()
    {
        var allowed = new List<(string, string)>();

        foreach (var from in IdeaStatuses.All)
        {
            foreach (var to in IdeaStatuses.All)
            {
                if (IdeaStatuses.CanMove(from, to))
                {
                    allowed.Add((from, to));
                }
            }
        }

        Assert.Equal(Allowed.Order(), allowed.Order());
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void CanMove_PipelineMove_Allowed(string from, string to)
    {
        Assert.True(IdeaStatuses.CanMove(from, to));
    }

    [Theory]
    [InlineData(Submitted, Poc)]
    [InlineData(Submitted, Pilot)]
    [InlineData(Submitted, Rollout)]
    [InlineData(Assessment, Pilot)]
    [InlineData(Assessment, Rollout)]
    [InlineData(Poc, Rollout)]
    [InlineData(Parked, Poc)]
    [InlineData(Parked, Pilot)]
    public void CanMove_SkippingAStage_Refused(string from, string to)
    {
        Assert.False(IdeaStatuses.CanMove(from, to));
    }

    [Theory]
    [InlineData(Assessment, Submitted)]
    [InlineData(Poc, Assessment)]
    [InlineData(Pilot, Poc)]
    [InlineData(Parked, Submitted)]
    public void CanMove_Backwards_Refused(string from, string to)
    {
        Assert.False(IdeaStatuses.CanMove(from, to));
    }

    [Theory]
    [InlineData(Rollout)]
    [InlineData(Rejected)]
    public void CanMove_OutOfRolloutOrRejected_RefusedToEveryStatus(string from)
    {
        Assert.All(IdeaStatuses.All, to => Assert.False(IdeaStatuses.CanMove(from, to), $"{from} → {to}"));
    }

    [Fact]
    public void CanMove_ToTheSameStatus_Refused()
    {
        Assert.All(IdeaStatuses.All, status => Assert.False(IdeaStatuses.CanMove(status, status), status));
    }

    [Theory]
    [InlineData("archived", Assessment)]
    [InlineData("", Assessment)]
    [InlineData("Submitted", Assessment)]
    [InlineData("idea", Assessment)]
    [InlineData(Submitted, "archived")]
    [InlineData(Submitted, "")]
    [InlineData(Submitted, "Assessment")]
    [InlineData(Assessment, "PARKED")]
    [InlineData("archived", Rejected)]
    public void CanMove_UnknownStatus_Refused(string from, string to)
    {
        Assert.False(IdeaStatuses.CanMove(from, to));
    }

    [Theory]
    [InlineData(Submitted, Assessment)]
    [InlineData(Assessment, Poc)]
    [InlineData(Poc, Pilot)]
    [InlineData(Pilot, Rollout)]
    [InlineData(Parked, Assessment)]
    [InlineData(Rollout, null)]
    [InlineData(Rejected, null)]
    [InlineData("archived", null)]
    public void NextOf_Status_TheNextStageForward(string status, string? expected)
    {
        Assert.Equal(expected, IdeaStatuses.NextOf(status));
    }

    [Theory]
    [InlineData(Submitted, true)]
    [InlineData(Rollout, true)]
    [InlineData(Rejected, true)]
    [InlineData("archived", false)]
    [InlineData("Pilot", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsKnown_Status_TrueOnlyForPipelineStatuses(string? status, bool expected)
    {
        Assert.Equal(expected, IdeaStatuses.IsKnown(status));
    }

    [Fact]
    public void Open_AreTheStagesStillWorkedOn()
    {
        Assert.Equal([Submitted, Assessment, Poc, Pilot], IdeaStatuses.Open);
    }

    [Theory]
    [InlineData(Poc, true)]
    [InlineData(Pilot, true)]
    [InlineData(Rollout, true)]
    [InlineData(Submitted, false)]
    [InlineData(Assessment, false)]
    [InlineData(Parked, false)]
    [InlineData(Rejected, false)]
    public void Publishes_FromProofOfConceptOn(string status, bool publishes)
    {
        Assert.Equal(publishes, IdeaStatuses.Publishes(status));
    }

    [Theory]
    [InlineData("IDEA-0001", 1)]
    [InlineData("idea-12", 12)]
    [InlineData("Idea-0042", 42)]
    [InlineData("7", 7)]
    [InlineData("  IDEA-0003  ", 3)]
    [InlineData("IDEA-12345", 12345)]
    [InlineData("2147483647", int.MaxValue)]
    public void TryParseId_IdInAnyWrittenForm_Parsed(string text, int expected)
    {
        var parsed = Idea.TryParseId(text, out var id);

        Assert.True(parsed);
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("IDEA-")]
    [InlineData("-1")]
    [InlineData("IDEA--1")]
    [InlineData("IDEA-+1")]
    [InlineData("+1")]
    [InlineData("abc")]
    [InlineData("IDEA-abc")]
    [InlineData("1.5")]
    [InlineData("1,000")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("0")]
    [InlineData("IDEA-0000")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999999999")]
    [InlineData("IDEA- 1")]
    [InlineData("IDEA 1")]
    [InlineData("IDEA-1 IDEA-2")]
    [InlineData("١٢")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParseId_NotAnIdeaId_Rejected(string? text)
    {
        Assert.False(Idea.TryParseId(text, out _));
    }

    [Theory]
    [InlineData(1, "IDEA-0001")]
    [InlineData(42, "IDEA-0042")]
    [InlineData(12345, "IDEA-12345")]
    public void FormatId_Id_PaddedToFourDigitsAndParsedBack(int id, string expected)
    {
        var text = Idea.FormatId(id);

        Assert.Equal(expected, text);
        Assert.True(Idea.TryParseId(text, out var parsed));
        Assert.Equal(id, parsed);
    }
}
