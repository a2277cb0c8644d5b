using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Questions;

public sealed class QuestionAnswererTests
{
    private static readonly IOptions<QuestionsOptions> Settings = Options.Create(new QuestionsOptions
    {
        MinRelevance = 0.4,
        MaxPassages = 4,
        MaxCitations = 3,
        GenAiTeamContact = "the GenAI office (genai@nordhafen.example)",
    });

    [Fact]
    public async Task AnswerAsync_AllPassagesBelowThreshold_NotCoveredWithoutCitations()
    {
        var search = new StubKnowledgeSearch(
            Passages.Guideline("guides/canteen.md", "Canteen", "The canteen opens at noon.", relevance: 0.39),
            Passages.Guideline("guides/parking.md", "Parking", "Visitors park in the south lot.", relevance: 0.2));
        var answerer = new QuestionAnswerer(search, new ExtractiveAnswerComposer(Settings), Settings);

        var answer = await answerer.AnswerAsync("Can I use Midjourney for brochures?", CancellationToken.None);

        Assert.False(answer.IsCovered);
        Assert.Equal(AnswerOutcomes.NotCovered, answer.Outcome);
        Assert.Empty(answer.Citations);
        Assert.DoesNotContain("[1]", answer.Text, StringComparison.Ordinal);
        Assert.Contains("the GenAI office (genai@nordhafen.example)", answer.Text, StringComparison.Ordinal);
        Assert.Equal(0.39, answer.TopRelevance, precision: 6);
    }

    [Fact]
    public async Task AnswerAsync_NothingFound_NotCoveredWithZeroRelevance()
    {
        var answerer = new QuestionAnswerer(new StubKnowledgeSearch(), new ExtractiveAnswerComposer(Settings), Settings);

        var answer = await answerer.AnswerAsync("Anything?", CancellationToken.None);

        Assert.False(answer.IsCovered);
        Assert.Equal(0, answer.TopRelevance);
    }

    [Fact]
    public async Task AnswerAsync_SomePassagesAboveThreshold_AnsweredCitingOnlyThose()
    {
        var search = new StubKnowledgeSearch(
            Passages.Guideline("guides/data.md", "Data protection", "Never paste customer data into public AI tools.", relevance: 0.62),
            Passages.Guideline("guides/canteen.md", "Canteen", "The canteen opens at noon.", relevance: 0.31));
        var answerer = new QuestionAnswerer(search, new ExtractiveAnswerComposer(Settings), Settings);

        var answer = await answerer.AnswerAsync("Can I paste customer data into ChatGPT?", CancellationToken.None);

        Assert.True(answer.IsCovered);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal("guides/data.md", citation.Chunk.FilePath);
        Assert.Equal("Never paste customer data into public AI tools. [1]", answer.Text);
        Assert.Equal(0.62, answer.TopRelevance, precision: 6);
    }

    [Fact]
    public async Task AnswerAsync_Question_SearchesForConfiguredNumberOfPassages()
    {
        var search = new StubKnowledgeSearch();
        var answerer = new QuestionAnswerer(search, new ExtractiveAnswerComposer(Settings), Settings);

        await answerer.AnswerAsync("How do I write a good prompt?", CancellationToken.None);

        Assert.Equal(("How do I write a good prompt?", 4), Assert.Single(search.Searches));
    }

    [Fact]
    public async Task AnswerAsync_ComposerFindsNothing_NotCovered()
    {
        var search = new StubKnowledgeSearch(Passages.Guideline("guides/data.md", "Data protection", "Text.", relevance: 0.9));
        var answerer = new QuestionAnswerer(search, new NothingComposer(), Settings);

        var answer = await answerer.AnswerAsync("Can I paste customer data into ChatGPT?", CancellationToken.None);

        Assert.False(answer.IsCovered);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task AnswerAsync_UseCaseQuestion_AnswerNamesIdStageAndOwner()
    {
        var search = new StubKnowledgeSearch(
            Passages.UseCase("UC-101", "Warranty claim summariser", "Summarises warranty claims", "After-sales", "pilot", "Jana Weber", relevance: 0.55));
        var answerer = new QuestionAnswerer(search, new ExtractiveAnswerComposer(Settings), Settings);

        var answer = await answerer.AnswerAsync("Is someone already summarising warranty claims?", CancellationToken.None);

        Assert.True(answer.IsCovered);
        Assert.Contains("UC-101", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Pilot", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Jana Weber", answer.Text, StringComparison.Ordinal);
        Assert.Equal("UC-101", Assert.Single(answer.Citations).Chunk.SourceId);
    }

    private sealed class NothingComposer : IAnswerComposer
    {
        public Task<ComposedAnswer?> ComposeAsync(string question, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken) =>
            Task.FromResult<ComposedAnswer?>(null);
    }
}
