using AdoptionBot.Delivery;
using AdoptionBot.Tests.Delivery;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;
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
    private DeliveryHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DeliveryHarness.StartAsync<SqliteStoreFixture>();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task KilledMidDigest_TheRestartedInstanceSendsTheRestAtOnce_AndLosesNothing()
    {
        var connector = _harness.Connector;
        connector.AnswerDelay = TimeSpan.FromMilliseconds(700);
        await _harness.EnqueueAsync(Recipients, i => ($"19:kill-{i:D2}@thread.tacv2", null, null), row => row.Kind = "digest");
        var settings = new Dictionary<string, string?>(_harness.Store.BotSettings)
        {
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
            () => "every row to be sent, long before the 300 s lease of the killed process runs out",
            TimeSpan.FromMilliseconds(50));
        var recovered = restart.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1)); // a late duplicate would arrive in this time

        Assert.Equal(Recipients, await CountAsync(o => o.Status == OutboxStatuses.Sent));
        var arrivals = connector.Sent.GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Recipients, arrivals.Count); // every recipient got the digest
        var doubled = arrivals.Count(a => a.Value > 1);
        Assert.All(arrivals.Values, n => Assert.InRange(n, 1, 2));
        Assert.True(doubled <= leasedAtKill, $"{doubled} doubled, more than the {leasedAtKill} rows leased at the kill");
        Assert.Contains("Took back", restarted.Output, StringComparison.Ordinal);
        output.WriteLine($"Killed with {sentBeforeKill} of {Recipients} sent and {leasedAtKill} leased; the restart sent the rest {recovered.TotalSeconds:F1} s after it began (start-up included); {doubled} arrived twice (their calls were under way at the kill).");
    }

    private Task<int> CountAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> match) =>
        _harness.Store.Factory.QueryAsync(db => db.Outbox.CountAsync(match));
}
