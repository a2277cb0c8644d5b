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

    [Fact]
    public async Task AnswerAsync_GermanQuestionWithAnEnglishOnlyModel_SaysSoInGermanWithoutSearching()
    {
        var search = new StubKnowledgeSearch(Passages.Guideline("guides/pilot.md", "Pilot", "A pilot takes three to six months.")) { ReadsOnlyEnglish = true };
        var answerer = new QuestionAnswerer(search, new ExtractiveAnswerComposer(Settings), Settings);

        var answer = await answerer.AnswerAsync("Wie lange dauert eine Pilotphase?", CancellationToken.None);

        Assert.Equal(AnswerOutcomes.OtherLanguage, answer.Outcome);
        Assert.Contains("Diese Installation beantwortet Fragen auf Englisch", answer.Text, StringComparison.Ordinal);
        Assert.Contains("the GenAI office (genai@nordhafen.example)", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Citations);
        Assert.Empty(search.Searches);
    }

    [Fact]
    public async Task AnswerAsync_GermanQuestionWithAMultilingualModel_IsSearchedAndAnswered()
    {
        var search = new StubKnowledgeSearch(Passages.Guideline("guides/pilot.md", "Pilot", "Eine Pilotphase dauert drei bis sechs Monate.", relevance: 0.6));
        var answerer = new QuestionAnswerer(search, new ExtractiveAnswerComposer(Settings), Settings);

        var answer = await answerer.AnswerAsync("Wie lange dauert eine Pilotphase?", CancellationToken.None);

        Assert.True(answer.IsCovered);
        Assert.Single(search.Searches);
    }

    [Fact]
    public async Task AnswerAsync_WithTheModelTheEvidenceModelWasFittedFor_DeclinesBelowMinAnswerConfidenceAndAnswersAbove()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("guides/keys.md", "Gateway keys", "Gateway API keys are valid for 90 days and are then renewed in the portal.", relevance: 0.62),
            Passages.Guideline("guides/other.md", "Other", "Badge printers are refilled on Mondays.", relevance: 0.2),
        ];
        var search = new StubKnowledgeSearch(passages) { EmbeddingModelId = AdoptionBot.Knowledge.Embeddings.MiniLmEmbeddingGenerator.ModelId };
        var strict = Options.Create(new QuestionsOptions { MinRelevance = 0.1, MinAnswerConfidence = 0.999, MaxPassages = 4 });
        var lenient = Options.Create(new QuestionsOptions { MinRelevance = 0.1, MinAnswerConfidence = 0.01, MaxPassages = 4 });

        var declined = await new QuestionAnswerer(search, new ExtractiveAnswerComposer(strict), strict).AnswerAsync("how long are gateway api keys valid?", CancellationToken.None);
        var answered = await new QuestionAnswerer(search, new ExtractiveAnswerComposer(lenient), lenient).AnswerAsync("how long are gateway api keys valid?", CancellationToken.None);

        Assert.Equal(AnswerOutcomes.NotCovered, declined.Outcome);
        Assert.InRange(declined.Confidence, 0.01, 0.999);
        Assert.True(answered.IsCovered);
        Assert.Equal(declined.Confidence, answered.Confidence, 9);
        Assert.Contains("90 days", answered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_QuestionOffTheKnowledgeBasesWords_HasLessConfidenceThanOneInItsWords()
    {
        var passage = Passages.Guideline("guides/keys.md", "Gateway keys", "Gateway API keys are valid for 90 days and are then renewed in the portal.", relevance: 0.45);
        var onTopic = new StubKnowledgeSearch(passage) { EmbeddingModelId = AdoptionBot.Knowledge.Embeddings.MiniLmEmbeddingGenerator.ModelId };
        var offTopic = new StubKnowledgeSearch(passage) { EmbeddingModelId = AdoptionBot.Knowledge.Embeddings.MiniLmEmbeddingGenerator.ModelId };
        offTopic.UnknownTerms.AddRange(["canteen", "menu"]);
        var options = Options.Create(new QuestionsOptions { MinRelevance = 0.1, MinAnswerConfidence = 0.01 });

        var known = await new QuestionAnswerer(onTopic, new ExtractiveAnswerComposer(options), options).AnswerAsync("how long are gateway api keys valid?", CancellationToken.None);
        var unknown = await new QuestionAnswerer(offTopic, new ExtractiveAnswerComposer(options), options).AnswerAsync("what is on the canteen menu?", CancellationToken.None);

        Assert.True(unknown.Confidence < known.Confidence, $"{unknown.Confidence} < {known.Confidence}");
    }
}
