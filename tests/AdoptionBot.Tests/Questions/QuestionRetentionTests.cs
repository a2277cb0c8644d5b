using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Questions;

/// <summary>Questions:RetentionDays on each store: old questions go with their feedback, recent ones stay.</summary>
public abstract class QuestionRetentionTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private TStore _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task DeleteExpiredAsync_RemovesQuestionsOlderThanRetentionWithTheirFeedback_KeepsNewerOnes()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await SeedAsync(("old", now.AddDays(-181), true), ("boundary", now.AddDays(-179), true), ("new", now.AddDays(-1), true));
        await using (var db = await _store.Factory.CreateDbContextAsync())
        {
            db.AnswerFeedback.Add(new AnswerFeedbackRecord { AnswerId = "orphan", Reaction = "like", ReceivedAtUtc = now.AddDays(-400) });
            await db.SaveChangesAsync();
        }

        var (questions, feedback) = await Retention(days: 180).DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(1, questions);
        Assert.Equal(2, feedback);
        await using var check = await _store.Factory.CreateDbContextAsync();
        Assert.Equal(["boundary", "new"], await check.Questions.OrderBy(q => q.AnswerId).Select(q => q.AnswerId).ToListAsync());
        Assert.Equal(["boundary", "new"], await check.AnswerFeedback.OrderBy(f => f.AnswerId).Select(f => f.AnswerId).ToListAsync());
    }

    [StoreFact]
    public async Task DeleteExpiredAsync_DeletesMoreThanOneBatch()
    {
        var old = _time.GetUtcNow().UtcDateTime.AddDays(-30);
        await SeedAsync([.. Enumerable.Range(0, 1203).Select(i => ($"q{i}", old.AddMinutes(i), false))]);

        var (questions, _) = await Retention(days: 7).DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(1203, questions);
        await using var check = await _store.Factory.CreateDbContextAsync();
        Assert.Equal(0, await check.Questions.CountAsync());
    }

    [StoreFact]
    public async Task ZeroRetentionDays_KeepsEverything()
    {
        await SeedAsync(("ancient", _time.GetUtcNow().UtcDateTime.AddYears(-5), true));

        var deleted = await Retention(days: 0).DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal((0, 0), deleted);
    }

    [StoreFact]
    public async Task RetentionPass_RunsTheRuleAnHourAfterStartThenDaily()
    {
        var start = _time.GetUtcNow();
        await SeedAsync(("expired", start.UtcDateTime.AddDays(-11), false), ("expires-later-today", start.UtcDateTime.AddDays(-9).AddHours(-12), false));
        using var service = new RetentionPass([Retention(days: 10)], _time, NullLogger<RetentionPass>.Instance);
        await service.StartAsync(CancellationToken.None);

        // The service starts its clock on its own thread: step the fake clock until each pass has run.
        var firstPass = await AdvanceUntilQuestionsLeftAsync(1, TimeSpan.FromMinutes(1)) - start;
        var secondPass = await AdvanceUntilQuestionsLeftAsync(0, TimeSpan.FromHours(1)) - start;
        await service.StopAsync(CancellationToken.None);

        Assert.InRange(firstPass, RetentionPass.FirstPass, RetentionPass.FirstPass + TimeSpan.FromMinutes(30));
        Assert.InRange(secondPass, RetentionPass.FirstPass + RetentionPass.Interval, RetentionPass.FirstPass + RetentionPass.Interval + TimeSpan.FromHours(6));
    }

    private QuestionRetention Retention(int days) =>
        new(_store.Factory, Options.Create(new QuestionsOptions { RetentionDays = days }), _time, NullLogger<QuestionRetention>.Instance);

    private async Task SeedAsync(params (string AnswerId, DateTime AskedAtUtc, bool WithFeedback)[] questions)
    {
        await using var db = await _store.Factory.CreateDbContextAsync();
        foreach (var (answerId, askedAtUtc, withFeedback) in questions)
        {
            db.Questions.Add(new QuestionRecord
            {
                AnswerId = answerId,
                ConversationId = "a:1",
                ConversationType = "personal",
                Question = "How do I start a pilot?",
                Outcome = AnswerOutcomes.Answered,
                AskedAtUtc = askedAtUtc,
            });
            if (withFeedback)
            {
                db.AnswerFeedback.Add(new AnswerFeedbackRecord { AnswerId = answerId, Reaction = "like", ReceivedAtUtc = askedAtUtc });
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task<DateTimeOffset> AdvanceUntilQuestionsLeftAsync(int expected, TimeSpan step)
    {
        for (var i = 0; i < 2000; i++)
        {
            await Task.Delay(10);
            await using (var db = await _store.Factory.CreateDbContextAsync())
            {
                if (await db.Questions.CountAsync() == expected)
                {
                    return _time.GetUtcNow();
                }
            }

            _time.Advance(step);
        }

        throw new TimeoutException($"{expected} questions were never left.");
    }
}

public sealed class SqliteQuestionRetentionTests : QuestionRetentionTests<SqliteStoreFixture>;

public sealed class PostgreSqlQuestionRetentionTests : QuestionRetentionTests<PostgreSqlStoreFixture>;
