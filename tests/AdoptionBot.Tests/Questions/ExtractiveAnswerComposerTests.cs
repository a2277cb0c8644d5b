using System.Text.RegularExpressions;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Questions.Evidence;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Questions;

public sealed partial class ExtractiveAnswerComposerTests
{
    private readonly ExtractiveAnswerComposer _composer = new(Options.Create(new QuestionsOptions { MaxCitations = 3 }));

    [Fact]
    public async Task ComposeAsync_NoPassages_Null()
    {
        var answer = await _composer.ComposeAsync("How are warranty claims handled?", [], CancellationToken.None);

        Assert.Null(answer);
    }

    [Fact]
    public async Task ComposeAsync_SeveralPassages_EveryMarkerHasACitationAndEveryCitationAMarker()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("guides/data.md", "Data protection", "Never paste customer data into public AI tools. Use Copilot Chat for internal data."),
            Passages.Guideline("guides/tools.md", "Approved tools", "Copilot Chat is the approved AI tool for internal data. Public chatbots need approval."),
            Passages.UseCase("UC-101", "Customer data redactor", "Removes customer data before text goes to AI tools", "After-sales", "pilot", "Jana Weber"),
            Passages.Guideline("guides/extra.md", "Extra", "Customer data in AI tools is logged; this fourth passage is beyond the citation limit."),
        ];

        var answer = await _composer.ComposeAsync("Can I use customer data in AI tools?", passages, CancellationToken.None);

        Assert.NotNull(answer);
        var markers = Marker().Matches(answer.Text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order();
        Assert.Equal([1, 2, 3], markers);
        Assert.Equal([1, 2, 3], answer.Citations.Select(c => c.Number));
        Assert.Equal(3, answer.Citations.Select(c => c.Chunk.SourceId).Distinct().Count());
    }

    [Fact]
    public async Task ComposeAsync_Citation_PointsAtThePassageItQuotes()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("guides/data.md", "Data protection", "Never paste customer data into public AI tools."),
            Passages.Guideline("guides/tools.md", "Approved tools", "Copilot Chat is approved for customer data."),
        ];

        var answer = await _composer.ComposeAsync("Where can customer data go?", passages, CancellationToken.None);

        Assert.NotNull(answer);
        foreach (var citation in answer.Citations)
        {
            Assert.Contains(citation.Excerpt, citation.Chunk.Text, StringComparison.Ordinal);
            Assert.Contains($"{citation.Excerpt} [{citation.Number}]", answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ComposeAsync_UseCasesOnly_ListNamesIdStageAndOwner()
    {
        RetrievedPassage[] passages =
        [
            Passages.UseCase("UC-101", "Warranty claim summariser", "Summarises warranty claims", "After-sales", "pilot", "Jana Weber"),
            Passages.UseCase("UC-102", "Claim fraud spotter", "Flags suspicious warranty claims", "Manufacturing", "poc", "Ole Hansen"),
        ];

        var answer = await _composer.ComposeAsync("Is anyone working on warranty claims?", passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.StartsWith("These use cases in the catalogue match:", answer.Text, StringComparison.Ordinal);
        Assert.Contains("**UC-101 — Warranty claim summariser** (After-sales, Pilot, owner Jana Weber): Summarises warranty claims. [", answer.Text, StringComparison.Ordinal);
        Assert.Contains("**UC-102 — Claim fraud spotter** (Manufacturing, Proof of concept, owner Ole Hansen)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_SingleUseCase_SaysThisUseCaseMatches()
    {
        var passage = Passages.UseCase("UC-101", "Warranty claim summariser", "Summarises warranty claims", "After-sales", "rollout", "Jana Weber");

        var answer = await _composer.ComposeAsync("warranty", [passage], CancellationToken.None);

        Assert.NotNull(answer);
        Assert.StartsWith("This use case in the catalogue matches:", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Industrial rollout", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_Guideline_ChoosesSentencesThatShareWordsWithTheQuestion()
    {
        var passage = Passages.Guideline(
            "guides/after-sales.md",
            "After-sales",
            "The after-sales team meets every Monday. Warranty claims must be checked by a person before the AI summary is sent. " +
            "Parking is free for visitors. The canteen opens at noon.");

        var answer = await _composer.ComposeAsync("Who checks the warranty claim summaries?", [passage], CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Equal("Warranty claims must be checked by a person before the AI summary is sent. [1]", answer.Text);
    }

    [Fact]
    public async Task ComposeAsync_NoSharedWords_QuotesTheOpeningSentences()
    {
        var passage = Passages.Guideline("guides/tools.md", "Tools", "Copilot Chat is the approved assistant. It keeps data in the tenant. Other tools need approval.");

        var answer = await _composer.ComposeAsync("zzz", [passage], CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Equal("Copilot Chat is the approved assistant. It keeps data in the tenant. [1]", answer.Text);
    }

    [Fact]
    public async Task ComposeAsync_TwoBestSentences_KeptInTheirOriginalOrder()
    {
        var passage = Passages.Guideline("guides/claims.md", "Claims", "Dealers send claims weekly. Unrelated text here. Warranty claims from dealers are summarised.");

        var answer = await _composer.ComposeAsync("warranty claims from dealers", [passage], CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Equal("Dealers send claims weekly. Warranty claims from dealers are summarised. [1]", answer.Text);
    }

    [Fact]
    public async Task ComposeAsync_VeryLongSentence_ShortenedAtAWordWithEllipsis()
    {
        var passage = Passages.Guideline("guides/claims.md", "Claims", "Warranty " + string.Join(' ', Enumerable.Repeat("claim", 100)) + ".");

        var answer = await _composer.ComposeAsync("warranty", [passage], CancellationToken.None);

        Assert.NotNull(answer);
        var excerpt = Assert.Single(answer.Citations).Excerpt;
        Assert.InRange(excerpt.Length, 1, 320);
        Assert.EndsWith("claim…", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_QuestionNamingAnIdentifier_IsAnsweredFromThePassageThatNamesIt()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("rules/015.md", "Rule R-015", "R-015 covers forklifts in hall 7. Drivers check the brakes.", relevance: 0.7),
            Passages.Guideline("rules/077.md", "Rule R-077", "R-077 covers forklifts in hall 5. Drivers check the brakes.", relevance: 0.65),
        ];

        var answer = await _composer.ComposeAsync("what does rule R-077 say about forklifts?", passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Equal("rules/077.md", Assert.Single(answer.Citations).Chunk.SourceId);
    }

    [Fact]
    public async Task ComposeAsync_IdeaInTheCatalogue_IsQuotedToOthersAsTextNotMarkdown()
    {
        var useCase = Passages.UseCase("IDEA-0007", "Tyre **wear** [re-verify](https://evil.example/login)", "Predicts _tyre wear_ from photos.", "After-sales", "poc", "[IT Helpdesk](https://evil.example)");
        var idea = useCase with { Chunk = useCase.Chunk with { Kind = AdoptionBot.Knowledge.SourceKind.Idea } };

        var answer = await _composer.ComposeAsync("tyre wear from photos", [idea], CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Contains(@"Tyre \*\*wear\*\* \[re-verify\]", answer.Text, StringComparison.Ordinal);
        Assert.Contains(@"\_tyre wear\_", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil.example", answer.Text.Replace(@"\]", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_FaqEntry_ItsAnswerIsQuotedToOthersAsTextNotMarkdown()
    {
        var section = Passages.Guideline("@faqs/FAQ-0001", "Megan Bowen", "Book the **demo room** in the [booking tool](https://evil.example/book) under AI Lab.");
        var faq = section with { Chunk = section.Chunk with { Kind = AdoptionBot.Knowledge.SourceKind.Faq, Title = "FAQ — How do I book the demo room?" } };

        var answer = await _composer.ComposeAsync("how do I book the demo room", [faq], CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Contains(@"Book the \*\*demo room\*\* in the \[booking tool\](https://evil.example/book)", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil.example", answer.Text.Replace(@"\]", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Sentences_TableRow_KeptWhole()
    {
        var sentences = PassageSentences.Split("Tool: Copilot Chat. Approved; Data: Internal.\nFirst sentence. Second sentence.");

        Assert.Equal(["Tool: Copilot Chat. Approved; Data: Internal.", "First sentence.", "Second sentence."], sentences);
    }

    [Theory]
    [InlineData("summarising", "summaries")]
    [InlineData("claims", "claim")]
    [InlineData("approved", "approval")]
    public void Stem_RelatedForms_SameStem(string first, string second)
    {
        Assert.Equal(QuestionTerms.Stem(first), QuestionTerms.Stem(second));
    }

    [Fact]
    public async Task ComposeAsync_SecondaryPassageFarLessRelevant_IsLeftOut()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("guides/data.md", "Data protection", "Never paste customer data into public AI tools.", relevance: 0.62),
            Passages.Guideline("guides/letters.md", "Letters", "Customer letters are written in a friendly tone.", relevance: 0.31),
        ];

        var answer = await _composer.ComposeAsync("Can I paste customer data into public AI tools?", passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Single(answer.Citations);
        Assert.Equal("guides/data.md", answer.Citations[0].Chunk.SourceId);
    }

    [Fact]
    public async Task ComposeAsync_SentenceThatLeansOnThePreviousOne_LosesToASelfContainedOne()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("guides/letters.md", "Letters", "Letters to customers are answered within two days."),
            Passages.Guideline(
                "guides/data.md",
                "Customer correspondence",
                "This is the preferred mode for customer correspondence. Customer correspondence with personal data goes through NordChat only."),
        ];

        var answer = await _composer.ComposeAsync("How do I handle customer correspondence?", passages, CancellationToken.None);

        Assert.NotNull(answer);
        var quoted = Assert.Single(answer.Citations, c => c.Chunk.SourceId == "guides/data.md");
        Assert.StartsWith("Customer correspondence with personal data", quoted.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("This is the preferred mode", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_SecondaryPassageSharingOnlyOneWordWithTheQuestion_AddsNothing()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("guides/data.md", "Data protection", "Never paste customer data into public AI tools."),
            Passages.Guideline("guides/drafts.md", "Drafts", "The employee must check the vehicle data in the full draft before sending it."),
        ];

        var answer = await _composer.ComposeAsync("Can I paste customer data into ChatGPT?", passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Single(answer.Citations);
        Assert.DoesNotContain("full draft", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_SecondaryPassageWhoseMatchLeansOnThePreviousSentence_AddsNothing()
    {
        RetrievedPassage[] passages =
        [
            Passages.Guideline("guides/board.md", "Board", "The portfolio board meets every second Tuesday."),
            Passages.Guideline("guides/office.md", "Office", "The portfolio office supports teams. It prepares the board meetings every quarter."),
        ];

        var answer = await _composer.ComposeAsync("how often does the portfolio board meet", passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Single(answer.Citations);
        Assert.DoesNotContain("It prepares", answer.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
