using System.ComponentModel.DataAnnotations;
using AdoptionBot.Delivery;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Delivery;

/// <summary>Delivery:RetentionDays on each store: old sent and failed rows go, recent ones and every pending row stay.</summary>
public abstract class OutboxRetentionTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger<OutboxRetention> _logger = new();
    private TStore _store = null!;
    private int _nextKey;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task DeleteExpired_RemovesSentAndFailedRowsOlderThanRetention_KeepsPendingAndNewerOnes()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await SeedAsync(
            ("old-sent", OutboxStatuses.Sent, now.AddDays(-31)),
            ("old-failed", OutboxStatuses.Failed, now.AddDays(-400)),
            ("old-pending", OutboxStatuses.Pending, now.AddDays(-400)),
            ("recent-sent", OutboxStatuses.Sent, now.AddDays(-29)),
            ("recent-failed", OutboxStatuses.Failed, now.AddDays(-1)));

        var deleted = await Retention(days: 30).DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(2, deleted);
        await using var db = await _store.Factory.CreateDbContextAsync();
        Assert.Equal(["old-pending", "recent-failed", "recent-sent"], await db.Outbox.OrderBy(o => o.DedupKey).Select(o => o.DedupKey).ToListAsync());
        var logged = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Information);
        Assert.Contains("deleted 2 sent and failed outbox rows older than 30 days", logged.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task DeleteExpired_DeletesMoreThanOneBatch()
    {
        var old = _time.GetUtcNow().UtcDateTime.AddDays(-60);
        await SeedAsync([.. Enumerable.Range(0, 1203).Select(i => ($"bulk-{i}", i % 3 == 0 ? OutboxStatuses.Failed : OutboxStatuses.Sent, old.AddMinutes(i)))]);

        var deleted = await Retention(days: 30).DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(1203, deleted);
        await using var db = await _store.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [StoreFact]
    public async Task RetentionPass_RunsTheOutboxRuleAsRegisteredByAddDelivery()
    {
        await SeedAsync(("expired", OutboxStatuses.Sent, _time.GetUtcNow().UtcDateTime.AddDays(-45)));
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<IDbContextFactory<AdoptionBotDbContext>>(_store.Factory)
            .AddSingleton(Options.Create(new DeliveryOptions()))
            .AddRetentionRule<OutboxRetention>()
            .AddSingleton<RetentionPass>()
            .BuildServiceProvider();

        await services.GetRequiredService<RetentionPass>().RunOnceAsync(CancellationToken.None);

        await using var db = await _store.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    private OutboxRetention Retention(int days) =>
        new(_store.Factory, Options.Create(new DeliveryOptions { RetentionDays = days }), _time, _logger);

    private async Task SeedAsync(params (string Key, string Status, DateTime CreatedAtUtc)[] rows)
    {
        await using var db = await _store.Factory.CreateDbContextAsync();
        foreach (var (key, status, created) in rows)
        {
            db.Outbox.Add(new OutboxMessage
            {
                DedupKey = key,
                Kind = OutboxKinds.Digest,
                ConversationId = $"19:retention-{Interlocked.Increment(ref _nextKey)}@thread.tacv2",
                TenantId = DeliveryHarness.TenantId,
                ServiceUrl = "https://smba.example.com/emea/",
                BotId = DeliveryHarness.BotId,
                ActivityJson = """{"type":"message","text":"Weekly digest: 12 new ideas"}""",
                Status = status,
                CreatedAtUtc = created,
                NextAttemptAtUtc = created,
                SentAtUtc = status == OutboxStatuses.Sent ? created.AddSeconds(2) : null,
            });
        }

        await db.SaveChangesAsync();
    }
}

public sealed class SqliteOutboxRetentionTests : OutboxRetentionTests<SqliteStoreFixture>;

public sealed class PostgreSqlOutboxRetentionTests : OutboxRetentionTests<PostgreSqlStoreFixture>;

public sealed class DeliveryOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors() => Assert.Empty(Errors(new DeliveryOptions()));

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(3651)]
    public void Validate_RetentionDaysOutOfRange_NamesTheSetting(int days) =>
        Assert.Contains(Errors(new DeliveryOptions { RetentionDays = days }), e => e.Contains("Delivery:RetentionDays", StringComparison.Ordinal));

    [Theory]
    [InlineData(300, 150, 60, "Delivery:ConnectorTimeoutSeconds (150) must be less than half of Delivery:LeaseSeconds (300)")]
    [InlineData(300, 30, 150, "Delivery:MaxRetryAfterSeconds (150) must be less than half of Delivery:LeaseSeconds (300)")]
    [InlineData(10, 30, 4, "Delivery:ConnectorTimeoutSeconds (30) must be less than half of Delivery:LeaseSeconds (10)")]
    public void Validate_ACallOrAWaitAsLongAsHalfTheLease_NamesTheSettings(int leaseSeconds, int timeoutSeconds, int maxRetryAfterSeconds, string expected) =>
        Assert.Contains(
            Errors(new DeliveryOptions { LeaseSeconds = leaseSeconds, ConnectorTimeoutSeconds = timeoutSeconds, MaxRetryAfterSeconds = maxRetryAfterSeconds }),
            e => e.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void StartupValidation_LeaseShorterThanTwoConnectorTimeouts_FailsNamingBothKeys()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:LeaseSeconds"] = "20", ["Delivery:ConnectorTimeoutSeconds"] = "10" })
            .Build());
        services.AddDelivery();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Delivery:ConnectorTimeoutSeconds (10)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Delivery:LeaseSeconds (20)", failure.Message, StringComparison.Ordinal);
    }

    internal static List<string> Errors(DeliveryOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }
}
