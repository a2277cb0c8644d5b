using AdoptionBot.Delivery;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;
using Xunit.Abstractions;

namespace AdoptionBot.Tests.Faults;

/// <summary>
/// The only instance killed (SIGKILL) while it delivers a digest to 40 recipients through a slow connector, then
/// started again on the same store and machine: the new process takes back the dead one's leases at start-up and
/// sends the rest within seconds, not when the leases (300 s by default) run out. Nothing is lost; only the messages
/// whose call was under way at the kill may arrive twice.
/// </summary>
public sealed class DeliveryKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 40;
    private SqliteStoreFixture _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<SqliteStoreFixture>();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task KilledMidDigest_TheRestartedInstanceSendsTheRestAtOnce_AndLosesNothing()
    {
        await using var connector = await StandInConnector.StartAsync();
        connector.AnswerDelay = TimeSpan.FromMilliseconds(700);
        await EnqueueDigestAsync(connector.ServiceUrl);
        var settings = new Dictionary<string, string?>(_store.BotSettings)
        {
            ["Knowledge:Path"] = TestPaths.TestData("BotKnowledge"),
            ["Delivery:PollInterval"] = "00:00:00.200",
            ["Delivery:BatchSize"] = "10",
        };

        int sentBeforeKill;
        int leasedAtKill;
        await using (var doomed = BotProcess.Start(settings))
        {
            await doomed.WaitUntilReadyAsync();
            await Poll.UntilAsync(
                async () => connector.Sent.Count >= 5 && await CountAsync(o => o.Status == OutboxStatuses.Pending && o.LeaseOwner != null) > 0,
                TimeSpan.FromSeconds(90),
                () => $"the process to send and lease rows; {connector.Sent.Count} sent",
                TimeSpan.FromMilliseconds(50));
            await Task.Delay(300); // calls are now waiting for the connector's answer
            doomed.Kill();
            leasedAtKill = await CountAsync(o => o.Status == OutboxStatuses.Pending && o.LeaseOwner != null);
            await Task.Delay(800); // anything it had sent reaches the connector
            sentBeforeKill = connector.Sent.Count;
        }

        Assert.True(leasedAtKill > 0, "the kill came while the process held leased rows");
        connector.AnswerDelay = TimeSpan.Zero;
        var restart = System.Diagnostics.Stopwatch.StartNew();
        await using var restarted = BotProcess.Start(settings);
        await restarted.WaitUntilReadyAsync();
        await Poll.UntilAsync(
            async () => await CountAsync(o => o.Status == OutboxStatuses.Pending) == 0,
            TimeSpan.FromSeconds(60),
            () => "every row to be sent",
            TimeSpan.FromMilliseconds(50));
        var recovered = restart.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1)); // a late duplicate would arrive in this time

        Assert.True(recovered < TimeSpan.FromSeconds(60), "sent long before the 300 s lease ran out");
        Assert.Equal(Recipients, await CountAsync(o => o.Status == OutboxStatuses.Sent));
        var arrivals = connector.Sent.GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Recipients, arrivals.Count); // every recipient got the digest
        var doubled = arrivals.Count(a => a.Value > 1);
        Assert.All(arrivals.Values, n => Assert.InRange(n, 1, 2));
        Assert.True(doubled <= leasedAtKill, $"{doubled} doubled, more than the {leasedAtKill} rows leased at the kill");
        Assert.Contains("Took back", restarted.Output, StringComparison.Ordinal);
        output.WriteLine($"Killed with {sentBeforeKill} of {Recipients} sent and {leasedAtKill} leased; the restart sent the rest {recovered.TotalSeconds:F1} s after it began (start-up included); {doubled} arrived twice (their calls were under way at the kill).");
    }

    private async Task EnqueueDigestAsync(string serviceUrl)
    {
        await using var db = await _store.Factory.CreateDbContextAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        for (var i = 0; i < Recipients; i++)
        {
            db.Outbox.Add(new OutboxMessage
            {
                DedupKey = $"digest:2026-11-23:channel:19:kill-{i:D2}@thread.tacv2",
                Kind = "digest",
                ConversationId = $"19:kill-{i:D2}@thread.tacv2",
                TenantId = "72f988bf-0000-4000-8000-000000000001",
                ServiceUrl = serviceUrl,
                BotId = "28:9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
                ActivityJson = JsonConvert.SerializeObject(new Activity { Type = ActivityTypes.Message, Text = $"Weekly GenAI digest for recipient {i}" }),
                Status = OutboxStatuses.Pending,
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            });
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> match)
    {
        await using var db = await _store.Factory.CreateDbContextAsync();
        return await db.Outbox.CountAsync(match);
    }
}
