using AdoptionBot.Questions;
using AdoptionBot.Questions.FollowUps;
using AdoptionBot.Tests.Ideas;
using AdoptionBot.Tests.Support.Stores;

namespace AdoptionBot.Tests.Questions;

public sealed class FollowUpRewriterTests
{
    [Theory]
    [InlineData("and who pays for the pilot?")]
    [InlineData("What about images?")]
    [InlineData("how long is it kept?")]
    [InlineData("nordcode?")]
    [InlineData("but is that allowed")]
    public void IsFollowUp_QuestionLeaningOnWhatCameBefore_IsTrue(string question) =>
        Assert.True(FollowUpRewriter.IsFollowUp(question));

    [Theory]
    [InlineData("who pays for the proof of concept?")]
    [InlineData("how long are NordChat conversations kept")]
    [InlineData("can i put the sketches of the unreleased suv into nordchat to get feedback")]
    [InlineData("")]
    public void IsFollowUp_QuestionOfItsOwn_IsFalse(string question) =>
        Assert.False(FollowUpRewriter.IsFollowUp(question));

    [Fact]
    public void Rewrite_FollowUp_AddsThePreviousQuestionsContentWordsNewestFirst()
    {
        var rewritten = FollowUpRewriter.Rewrite(
            "and who pays for the pilot?",
            ["how do I start a proof of concept for my idea", "what is nordchat"]);

        Assert.Equal("and who pays for the pilot? (start proof concept idea nordchat)", rewritten);
    }

    [Fact]
    public void Rewrite_QuestionOfItsOwn_IsLeftAsItIs()
    {
        const string question = "how long are NordChat conversations kept";

        Assert.Equal(question, FollowUpRewriter.Rewrite(question, ["who owns the copyright of AI-generated images"]));
    }

    [Fact]
    public void Rewrite_NoEarlierQuestion_IsLeftAsItIs() =>
        Assert.Equal("what about images?", FollowUpRewriter.Rewrite("what about images?", []));

    [Fact]
    public void Rewrite_PreviousQuestionAddsAtMostEightWords()
    {
        var rewritten = FollowUpRewriter.Rewrite("and that?", ["alpha bravo charlie delta echo foxtrot golf hotel india juliett"]);

        Assert.Equal("and that? (alpha bravo charlie delta echo foxtrot golf hotel)", rewritten);
    }
}

public abstract class EfQuestionHistoryTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private static readonly DateTime Now = new(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc);
    private TStore _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task RecentAsync_ReturnsOnlyThisAskersQuestionsInThisConversationSinceTheTime_NewestFirst()
    {
        await using (var db = _store.CreateDbContext())
        {
            db.Questions.AddRange(
                Record("a:chat", "anna", "too old", Now.AddMinutes(-30)),
                Record("a:chat", "anna", "first", Now.AddMinutes(-10)),
                Record("a:chat", "ben", "someone else in the chat", Now.AddMinutes(-5)),
                Record("a:other", "anna", "another conversation", Now.AddMinutes(-4)),
                Record("a:chat", "anna", "second", Now.AddMinutes(-2)),
                Record("a:chat", "anna", "third", Now.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }

        var recent = await new EfQuestionHistory(_store).RecentAsync("a:chat", "anna", Now.AddMinutes(-15), 2, CancellationToken.None);

        Assert.Equal(["third", "second"], recent);
    }

    private static QuestionRecord Record(string conversation, string asker, string text, DateTime at) => new()
    {
        AnswerId = Guid.NewGuid().ToString("N"),
        ConversationId = conversation,
        ConversationType = "personal",
        AskerHash = asker,
        Question = text,
        Outcome = AnswerOutcomes.Answered,
        AskedAtUtc = at,
    };
}

public sealed class SqliteEfQuestionHistoryTests : EfQuestionHistoryTests<SqliteStoreFixture>;

public sealed class PostgreSqlEfQuestionHistoryTests : EfQuestionHistoryTests<PostgreSqlStoreFixture>;
