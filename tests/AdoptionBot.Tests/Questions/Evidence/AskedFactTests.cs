using AdoptionBot.Questions.Evidence;

namespace AdoptionBot.Tests.Questions.Evidence;

public sealed class AskedFactTests
{
    [Theory]
    [InlineData("how often does the review panel meet?", AskedFactKind.Frequency)]
    [InlineData("how long are keys valid", AskedFactKind.Duration)]
    [InlineData("how quickly is it switched on after I order it?", AskedFactKind.Duration)]
    [InlineData("who pays for the pilot?", AskedFactKind.Person)]
    [InlineData("what does a licence cost per month?", AskedFactKind.Money)]
    [InlineData("how many languages are supported", AskedFactKind.Number)]
    [InlineData("what share of answers was rated correct", AskedFactKind.Number)]
    [InlineData("max file size for uploads?", AskedFactKind.Number)]
    [InlineData("when do I get access?", AskedFactKind.Time)]
    [InlineData("can I paste customer data into the chat?", AskedFactKind.Permission)]
    [InlineData("what does the filter suppress", AskedFactKind.None)]
    public void Of_QuestionWords_NameTheKindOfFact(string question, AskedFactKind kind) =>
        Assert.Equal(kind, AskedFact.Of(question));

    [Theory]
    [InlineData(AskedFactKind.Duration, "Licences are usually active within two working days.", true)]
    [InlineData(AskedFactKind.Duration, "Order it in the service portal.", false)]
    [InlineData(AskedFactKind.Money, "A seat costs EUR 19 per month.", true)]
    [InlineData(AskedFactKind.Money, "A seat is ordered by your manager.", false)]
    [InlineData(AskedFactKind.Frequency, "The panel meets every second Wednesday.", true)]
    [InlineData(AskedFactKind.Person, "It is chaired by Dr. Lena Ortmann.", true)]
    [InlineData(AskedFactKind.Person, "Requests go to the security office.", true)]
    [InlineData(AskedFactKind.Number, "Thirty-two languages are supported.", true)]
    public void Holds_SentenceWithOrWithoutAFactOfTheKind(AskedFactKind kind, string sentence, bool holds) =>
        Assert.Equal(holds, AskedFact.Holds(kind, sentence));

    [Fact]
    public void Holds_AFactTheQuestionAlreadyNames_DoesNotCount()
    {
        var question = QuestionTerms.Of("who chairs the portfolio board?");

        Assert.False(AskedFact.Holds(question.Asked, "The portfolio board steers the portfolio.", question.Stems));
        Assert.True(AskedFact.Holds(question.Asked, "It is chaired by the head of the programme office.", question.Stems));
    }
}
