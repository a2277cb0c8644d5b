using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Ideas;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Storage;

public abstract class StoreErrorsTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private static readonly DateTime Now = new(2025, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    private TStore _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task IsUniqueViolation_SecondRowWithTheSameDedupKey_True()
    {
        await AddOutboxAsync("digest:2025-03-10:channel:19:a");

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => AddOutboxAsync("digest:2025-03-10:channel:19:a"));

        Assert.True(error.IsUniqueViolation());
    }

    [StoreFact]
    public async Task IsUniqueViolation_SecondRowWithTheSameKey_True()
    {
        await AddFormAsync("form-1");

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => AddFormAsync("form-1"));

        Assert.True(error.IsUniqueViolation());
    }

    [StoreFact]
    public async Task IsUniqueViolation_OtherConstraintFailure_False()
    {
        await using var db = _store.CreateDbContext();
        db.IdeaStatusChanges.Add(new IdeaStatusChange { IdeaId = 999, ToStatus = PipelineStages.Submitted, ChangedByName = "Anna", ChangedAtUtc = Now });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.False(error.IsUniqueViolation()); // a missing idea is a bug to report, not "already stored"
    }

    private async Task AddOutboxAsync(string dedupKey)
    {
        await using var db = _store.CreateDbContext();
        db.Outbox.Add(new OutboxMessage
        {
            DedupKey = dedupKey,
            Kind = "digest",
            ConversationId = "19:a",
            TenantId = "tenant",
            ServiceUrl = "https://smba.example/",
            BotId = "28:bot",
            ActivityJson = "{}",
            Status = OutboxStatuses.Pending,
            CreatedAtUtc = Now,
            NextAttemptAtUtc = Now,
        });
        await db.SaveChangesAsync();
    }

    private async Task AddFormAsync(string formId)
    {
        await using var db = _store.CreateDbContext();
        db.IdeaForms.Add(new IdeaForm { FormId = formId, IssuedToObjectId = "anna", IssuedAtUtc = Now });
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteStoreErrorsTests : StoreErrorsTests<SqliteStoreFixture>;

public sealed class PostgreSqlStoreErrorsTests : StoreErrorsTests<PostgreSqlStoreFixture>;
