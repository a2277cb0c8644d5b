using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Hosting;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using AdoptionBot.Tests.Ideas;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace AdoptionBot.Tests.Delivery;

/// <summary>
/// A real SQLite store with every migration, a stand-in Bot Connector over HTTP and the bot's own adapter in
/// anonymous mode, so the SDK's connector client makes the calls. Senders are built over the same store on demand.
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    public const string TenantId = "72f988bf-0000-4000-8000-000000000001";
    public const string BotId = "28:adoptionbot";

    private readonly List<DeliveryRateLimits> _limits = [];
    private int _nextKey;

    private DeliveryHarness(StoreFixture store, StandInConnector connector)
    {
        Store = store;
        Connector = connector;
        Adapter = new AdoptionBotAdapter(
            new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()),
            new BotIdentityOptions(),
            new TenantAllowList(Options.Create(new BotOptions()), NullLogger<TenantAllowList>.Instance),
            NullLogger<AdoptionBotAdapter>.Instance);
    }

    public StoreFixture Store { get; }

    public StandInConnector Connector { get; }

    public AdoptionBotAdapter Adapter { get; }

    /// <summary>Settings that keep tests quick without changing what they prove: short backoff and poll; Teams' limits stay.</summary>
    public static DeliveryOptions FastOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        BackoffBase = TimeSpan.FromMilliseconds(10),
        MaxRowDelay = TimeSpan.FromMilliseconds(100),
    };

    public static async Task<DeliveryHarness> StartAsync<TStore>()
        where TStore : StoreFixture, new() =>
        new(await StoreFixture.CreateAsync<TStore>(), await StandInConnector.StartAsync());

    /// <summary>Puts the bot's reply spool on the harness adapter, as the host's adapter has it.</summary>
    public void UseReplySpool() =>
        Adapter.Use(new ReplySpool(new Outbox(Store, new OutboxSignal(), TimeProvider.System), NullLogger<ReplySpool>.Instance));

    public OutboxSender Sender(DeliveryOptions? options = null)
    {
        var settings = Options.Create(options ?? FastOptions());
        var limits = new DeliveryRateLimits(settings, TimeProvider.System);
        _limits.Add(limits);
        return new OutboxSender(
            Store,
            OutboxClaimers.For(Store.Provider, Store),
            Adapter,
            limits,
            new OutboxSignal(),
            settings,
            Options.Create(new BotIdentityOptions()),
            new BotMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            [new ChannelService(Store, TimeProvider.System, NullLogger<ChannelService>.Instance)],
            TimeProvider.System,
            NullLogger<OutboxSender>.Instance);
    }

    public async Task<int> AddChannelAsync(string channelId)
    {
        await using var db = Store.CreateDbContext();
        var link = new ChannelLink
        {
            ChannelId = channelId,
            TenantId = TenantId,
            ServiceUrl = Connector.ServiceUrl,
            BotId = BotId,
            BusinessUnit = "Finance",
            LinkedByName = "Test Admin",
            LinkedAtUtc = TimeProvider.System.GetUtcNow().UtcDateTime,
        };
        db.ChannelLinks.Add(link);
        await db.SaveChangesAsync();
        return link.Id;
    }

    /// <summary>Writes pending rows as the product does: due now, the activity as Bot Framework JSON.</summary>
    public async Task<List<long>> EnqueueAsync(int count, Func<int, (string? ConversationId, string? UserChannelId, int? ChannelLinkId)> target, Action<OutboxMessage>? change = null)
    {
        await using var db = Store.CreateDbContext();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var rows = new List<OutboxMessage>();
        for (var i = 0; i < count; i++)
        {
            var key = Interlocked.Increment(ref _nextKey);
            var (conversationId, userChannelId, linkId) = target(i);
            var row = new OutboxMessage
            {
                DedupKey = $"test:{key}",
                Kind = conversationId is null ? "notice" : "statusUpdate",
                ConversationId = conversationId,
                UserChannelId = userChannelId,
                ChannelLinkId = linkId,
                TenantId = TenantId,
                ServiceUrl = Connector.ServiceUrl,
                BotId = BotId,
                ActivityJson = JsonConvert.SerializeObject(new Activity { Type = ActivityTypes.Message, Text = $"message {key}" }),
                Status = OutboxStatuses.Pending,
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            };
            change?.Invoke(row);
            rows.Add(row);
        }

        db.Outbox.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    public async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = Store.CreateDbContext();
        return await db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    public async Task<ChannelLink> LinkAsync(int id)
    {
        await using var db = Store.CreateDbContext();
        return await db.ChannelLinks.AsNoTracking().SingleAsync(l => l.Id == id);
    }

    /// <summary>Runs passes until no row is pending (rows waiting for a retry included), within a generous bound.</summary>
    public Task DrainAsync(params OutboxSender[] senders) => Poll.UntilAsync(
        async () =>
        {
            await Task.WhenAll(senders.Select(s => s.SendDueAsync(CancellationToken.None)));
            await using var db = Store.CreateDbContext();
            return !await db.Outbox.AnyAsync(o => o.Status == OutboxStatuses.Pending);
        },
        TimeSpan.FromSeconds(60),
        () => "the outbox to drain",
        TimeSpan.FromMilliseconds(20));

    public async ValueTask DisposeAsync()
    {
        foreach (var limits in _limits)
        {
            await limits.DisposeAsync();
        }

        await Connector.DisposeAsync();
        await Store.DisposeAsync();
    }
}
