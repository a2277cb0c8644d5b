using System.Net;
using AdoptionBot.Delivery;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;

namespace AdoptionBot.Tests.Delivery;

public abstract class OutboxSenderTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string Channel = "19:finance@thread.tacv2";
    private DeliveryHarness _harness = null!;

    private StandInConnector Connector => _harness.Connector;

    public async Task InitializeAsync() => _harness = await DeliveryHarness.StartAsync<TStore>();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [StoreFact]
    public async Task SendDue_PendingRow_IsDeliveredOnceAndMarkedSent()
    {
        var linkId = await _harness.AddChannelAsync(Channel);
        await _harness.EnqueueAsync(1, _ => (Channel, null, linkId));
        var sender = _harness.Sender();

        var sent = await sender.SendDueAsync(CancellationToken.None);
        var again = await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal(0, again);
        var activity = Assert.Single(Connector.Sent);
        Assert.Equal(Channel, activity.ConversationId);
        Assert.Equal("message", activity.Type);
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Sent, row.Status);
        Assert.NotNull(row.SentAtUtc);
        Assert.Null(row.LeaseOwner);
        Assert.Equal(1, row.Attempts);
    }

    [StoreFact]
    public async Task SendDue_ThrottledTwiceWithRetryAfter_IsDeliveredExactlyOnce()
    {
        await _harness.EnqueueAsync(1, _ => (Channel, null, null));
        Connector.Script(Channel, new ScriptedAnswer(HttpStatusCode.TooManyRequests, RetryAfterSeconds: 1), new ScriptedAnswer(HttpStatusCode.TooManyRequests, RetryAfterSeconds: 1));

        var sent = await _harness.Sender().SendDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Single(Connector.Sent);
        var calls = Connector.Calls.ToList();
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], calls.Select(c => c.Status));
        // Retry-After honoured: each retry waited about the second the connector asked for (less a little clock slack).
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.Second.ReceivedAt - pair.First.ReceivedAt >= TimeSpan.FromMilliseconds(900)));
        Assert.Equal(OutboxStatuses.Sent, Assert.Single(await _harness.RowsAsync()).Status);
    }

    [StoreFact]
    public async Task SendDue_ConnectorStallsLongerThanTheTimeout_AbandonsTheCallRetriesAndDeliversOnce()
    {
        var options = DeliveryHarness.FastOptions();
        options.LeaseSeconds = 10;
        options.ConnectorTimeoutSeconds = 1;
        await _harness.EnqueueAsync(1, _ => (Channel, null, null));
        Connector.Stall(Channel, calls: 2, holdFor: TimeSpan.FromSeconds(20));

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var sent = await _harness.Sender(options).SendDueAsync(bound.Token);

        // Two calls abandoned after a second each, well before the connector would have answered, then the third got through.
        Assert.Equal(1, sent);
        Assert.Single(Connector.Sent);
        Assert.Equal([HttpStatusCode.GatewayTimeout, HttpStatusCode.GatewayTimeout, HttpStatusCode.OK], Connector.Calls.Select(c => c.Status));
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [StoreFact]
    public async Task SendDue_StalledRetriesOutlastingTheLease_RenewItSoASecondSenderNeverSendsTheRowAgain()
    {
        // Four stalled calls of 2 s each: the send takes longer than the 8 s lease it claimed the row with. (A call may
        // take at most half a lease; 2 s of 4 leaves a busy machine room to renew in time.)
        var options = DeliveryHarness.FastOptions();
        options.LeaseSeconds = 8;
        options.ConnectorTimeoutSeconds = 2;
        options.MaxRetryAfterSeconds = 2;
        options.AttemptsPerSend = 5;
        await _harness.EnqueueAsync(1, _ => (Channel, null, null));
        Connector.Stall(Channel, calls: 4, holdFor: TimeSpan.FromSeconds(30));
        var first = _harness.Sender(options);
        var second = _harness.Sender(options);

        var sending = first.SendDueAsync(CancellationToken.None);
        await Poll.UntilAsync(
            async () => Assert.Single(await _harness.RowsAsync()).LeaseOwner == first.InstanceId,
            TimeSpan.FromSeconds(10),
            () => "the first sender to claim the row");
        var leases = new List<DateTime>();
        var secondSent = 0;
        while (!sending.IsCompleted)
        {
            // The second instance polls all the while, as a real one would; the row stays the first one's.
            secondSent += await second.SendDueAsync(CancellationToken.None);
            if (Assert.Single(await _harness.RowsAsync()).LeaseUntilUtc is { } leaseUntil)
            {
                leases.Add(leaseUntil);
            }

            await Task.Delay(100);
        }

        var firstSent = await sending;
        await Task.Delay(TimeSpan.FromSeconds(1)); // a second delivery would arrive in this time

        Assert.Equal(1, firstSent);
        Assert.Equal(0, secondSent);
        Assert.Single(Connector.Sent);
        Assert.Equal(5, Connector.Calls.Count);
        Assert.True(leases.Distinct().Count() >= 2 && leases[^1] > leases[0], "the lease was never renewed: " + string.Join(", ", leases.Distinct().Select(l => l.ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [StoreFact]
    public async Task SendDue_ThrottledWithARetryAfterBeyondTheCap_GivesTheRowBackAtOnceAndSendsItLater()
    {
        await _harness.EnqueueAsync(1, _ => (Channel, null, null));
        Connector.Script(Channel, new ScriptedAnswer(HttpStatusCode.TooManyRequests, RetryAfterSeconds: int.MaxValue));
        var sender = _harness.Sender();

        // Waiting out the Retry-After (or even Delivery:MaxRetryAfterSeconds) within the send would run past this bound.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var firstPass = await sender.SendDueAsync(bound.Token);
        var afterFirstPass = Assert.Single(await _harness.RowsAsync());
        await _harness.DrainAsync(sender);

        Assert.Equal(0, firstPass);
        Assert.Equal(OutboxStatuses.Pending, afterFirstPass.Status);
        Assert.Null(afterFirstPass.LeaseOwner);
        Assert.Contains("429", afterFirstPass.LastError, StringComparison.Ordinal);
        // The next try waits at most Delivery:MaxRowDelay, however long the connector asked for.
        Assert.InRange(afterFirstPass.NextAttemptAtUtc - afterFirstPass.CreatedAtUtc, TimeSpan.Zero, DeliveryHarness.FastOptions().MaxRowDelay + TimeSpan.FromSeconds(20));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK], Connector.Calls.Select(c => c.Status));
        Assert.Single(Connector.Sent);
        Assert.Equal(OutboxStatuses.Sent, Assert.Single(await _harness.RowsAsync()).Status);
    }

    [StoreTheory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task SendDue_ChannelTheBotCannotPostTo_DeactivatesTheLinkAndFailsTheRowWithoutRetry(HttpStatusCode status)
    {
        var linkId = await _harness.AddChannelAsync(Channel);
        await _harness.EnqueueAsync(1, _ => (Channel, null, linkId));
        Connector.AnswerWith = _ => new ScriptedAnswer(status);
        var sender = _harness.Sender();

        await sender.SendDueAsync(CancellationToken.None);
        await sender.SendDueAsync(CancellationToken.None);

        Assert.Single(Connector.Calls);
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Failed, row.Status);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), row.LastError, StringComparison.Ordinal);
        var link = await _harness.LinkAsync(linkId);
        Assert.False(link.IsActive);
        Assert.NotNull(link.DeactivatedAtUtc);
        Assert.False(string.IsNullOrWhiteSpace(link.DeactivatedReason));
    }

    [StoreFact]
    public async Task SendDue_NoticeToANewPersonalChatRefusedForNow_IsRetriedAndNeverSpooledAsAReply()
    {
        // The adapter's reply spool runs on the sender's own turns too; a notice sent through CreateConversation is one.
        _harness.UseReplySpool();
        var options = DeliveryHarness.FastOptions();
        options.AttemptsPerSend = 1;
        await _harness.EnqueueAsync(1, _ => (null, "29:1newcomer", null));
        Connector.AnswerWith = _ => new ScriptedAnswer(HttpStatusCode.ServiceUnavailable);

        var sent = await _harness.Sender(options).SendDueAsync(CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.Single(Connector.CreatedConversations);
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("503", row.LastError, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task SendDue_UnavailableUntilAttemptsRunOut_FailsTheRowWithTheReason()
    {
        var options = DeliveryHarness.FastOptions();
        options.AttemptsPerSend = 3;
        options.MaxRowAttempts = 2;
        await _harness.EnqueueAsync(1, _ => (Channel, null, null));
        Connector.AnswerWith = _ => new ScriptedAnswer(HttpStatusCode.ServiceUnavailable);
        var sender = _harness.Sender(options);

        var firstPass = await sender.SendDueAsync(CancellationToken.None);
        var afterFirstPass = Assert.Single(await _harness.RowsAsync());
        await _harness.DrainAsync(sender);

        Assert.Equal(0, firstPass);
        Assert.Equal(OutboxStatuses.Pending, afterFirstPass.Status);
        Assert.Equal(1, afterFirstPass.Attempts);
        Assert.Equal(6, Connector.Calls.Count); // 3 calls per send, 2 sends of the row
        Assert.Empty(Connector.Sent);
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Failed, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Contains("503", row.LastError, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task SendDue_PersonalNoticeFails_IsRecordedNotThrown()
    {
        await _harness.EnqueueAsync(1, _ => ("a:personal-1", null, null));
        Connector.AnswerWith = _ => new ScriptedAnswer(HttpStatusCode.Forbidden);

        var sent = await _harness.Sender().SendDueAsync(CancellationToken.None);

        Assert.Equal(0, sent);
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Failed, row.Status);
        Assert.Contains("403", row.LastError, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task SendDue_PersonalNoticeWithoutAConversation_CreatesItThenSends()
    {
        const string user = "29:1a2b3c-user";
        await _harness.EnqueueAsync(1, _ => (null, user, null));

        var sent = await _harness.Sender().SendDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var created = Assert.Single(Connector.CreatedConversations);
        Assert.Equal(user, created["members"]![0]!["id"]!.GetValue<string>());
        Assert.False(created["isGroup"]!.GetValue<bool>());
        Assert.Equal(DeliveryHarness.TenantId, created["tenantId"]!.GetValue<string>());
        var activity = Assert.Single(Connector.Sent);
        Assert.StartsWith("a:conversation-", activity.ConversationId, StringComparison.Ordinal);
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Sent, row.Status);
        Assert.Equal(activity.ConversationId, row.ConversationId);
    }

    [StoreFact]
    public async Task SendDue_RowWrittenBeforeARestart_IsDeliveredOnceByTheNextInstance()
    {
        // The previous instance claimed the row and died before sending: its lease has run out.
        await _harness.EnqueueAsync(1, _ => (Channel, null, null), row =>
        {
            row.LeaseOwner = "previous-instance";
            row.LeaseUntilUtc = row.NextAttemptAtUtc.AddSeconds(-1);
        });
        await _harness.EnqueueAsync(1, _ => (Channel, null, null));
        var before = _harness.Sender();
        await before.StartAsync(CancellationToken.None);
        await before.StopAsync(CancellationToken.None);

        var after = _harness.Sender();
        await _harness.DrainAsync(after);
        await after.SendDueAsync(CancellationToken.None);

        Assert.Equal(2, Connector.Sent.Count);
        Assert.Equal(2, Connector.Sent.Select(a => a.Text).Distinct().Count());
        Assert.All(await _harness.RowsAsync(), row => Assert.Equal(OutboxStatuses.Sent, row.Status));
    }

    [StoreFact]
    public async Task TakeBack_RowsOfAnEndedProcessOnThisMachine_AreTakenBackAndNoOneElses()
    {
        var sender = _harness.Sender();
        var machine = sender.InstanceId.Split(':')[0];
        var endedPid = await EndedProcessIdAsync();
        var leaseUntil = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5);
        void LeasedBy(OutboxMessage row, string owner)
        {
            row.LeaseOwner = owner;
            row.LeaseUntilUtc = leaseUntil;
        }

        var crashed = await _harness.EnqueueAsync(3, _ => (Channel, null, null), row => LeasedBy(row, $"{machine}:{endedPid}:{Guid.NewGuid():N}"));
        var alive = await _harness.EnqueueAsync(1, _ => (Channel, null, null), row => LeasedBy(row, $"{machine}:{Environment.ProcessId}:{Guid.NewGuid():N}"));
        var otherMachine = await _harness.EnqueueAsync(1, _ => (Channel, null, null), row => LeasedBy(row, $"other-host-7:{endedPid}:{Guid.NewGuid():N}"));

        var taken = await sender.TakeBackLeasesOfEndedProcessesAsync(CancellationToken.None);
        var sent = await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(3, taken);
        Assert.Equal(3, sent);
        var rows = (await _harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.All(crashed, id => Assert.Equal(OutboxStatuses.Sent, rows[id].Status));
        Assert.All(alive.Concat(otherMachine), id => Assert.Equal(OutboxStatuses.Pending, rows[id].Status));
        Assert.All(alive.Concat(otherMachine), id => Assert.NotNull(rows[id].LeaseOwner));
    }

    [StoreFact]
    public async Task SendDue_RowLeasedByALiveInstance_IsNotTaken()
    {
        await _harness.EnqueueAsync(1, _ => (Channel, null, null), row =>
        {
            row.LeaseOwner = "live-instance";
            row.LeaseUntilUtc = row.NextAttemptAtUtc.AddMinutes(5);
        });

        var sent = await _harness.Sender().SendDueAsync(CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.Empty(Connector.Calls);
    }

    [StoreFact]
    public async Task SendDue_TwoInstancesOnOneStore_DeliverEachOf200RowsExactlyOnce()
    {
        var options = DeliveryHarness.FastOptions();
        options.BatchSize = 25;
        options.PerConversationPerSecond = 1000;
        options.PerTenantPerSecond = 1000;
        await _harness.EnqueueAsync(200, i => ($"19:channel-{i % 20}@thread.tacv2", null, null));
        var first = _harness.Sender(options);
        var second = _harness.Sender(options);

        await _harness.DrainAsync(first, second);

        Assert.Equal(200, Connector.Sent.Count);
        Assert.Equal(200, Connector.Sent.Select(a => a.Text).Distinct().Count());
        var rows = await _harness.RowsAsync();
        Assert.All(rows, row => Assert.Equal(OutboxStatuses.Sent, row.Status));
        Assert.All(rows, row => Assert.Equal(1, row.Attempts));
    }

    [StoreFact]
    public async Task SendDue_OneConversation_GetsNoMoreThan7MessagesInAnySecond()
    {
        await _harness.EnqueueAsync(30, _ => (Channel, null, null));

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sent = await _harness.Sender().SendDueAsync(bound.Token);

        Assert.Equal(30, sent);
        Assert.True(MostInAnySecond(Connector.Sent.Select(a => a.ReceivedAt)) <= 7);
        // Rows to one conversation keep their order.
        Assert.Equal(Connector.Sent.OrderBy(a => a.ReceivedAt).Select(a => a.Text), (await _harness.RowsAsync()).Select(r => System.Text.Json.JsonDocument.Parse(r.ActivityJson).RootElement.GetProperty("text").GetString()));
    }

    [StoreFact]
    public async Task SendDue_OneTenant_SendsNoMoreThan50MessagesInAnySecond()
    {
        await _harness.EnqueueAsync(120, i => ($"19:channel-{i % 40}@thread.tacv2", null, null));

        await _harness.DrainAsync(_harness.Sender());

        Assert.Equal(120, Connector.Sent.Count);
        var most = MostInAnySecond(Connector.Sent.Select(a => a.ReceivedAt));
        var first = Connector.Sent.Min(a => a.ReceivedAt);
        Assert.True(most <= 50, $"{most} in one second: " + string.Join(" ", Connector.Sent.Select(a => (int)(a.ReceivedAt - first).TotalMilliseconds).Order()));
    }

    private static int MostInAnySecond(IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.Order().ToList();
        var most = 0;
        for (int start = 0, end = 0; start < sorted.Count; start++)
        {
            while (end < sorted.Count && sorted[end] - sorted[start] < TimeSpan.FromSeconds(1))
            {
                end++;
            }

            most = Math.Max(most, end - start);
        }

        return most;
    }

    /// <summary>The id of a process that ran and has ended.</summary>
    private static async Task<int> EndedProcessIdAsync()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}

public sealed class SqliteOutboxSenderTests : OutboxSenderTests<SqliteStoreFixture>;

public sealed class PostgreSqlOutboxSenderTests : OutboxSenderTests<PostgreSqlStoreFixture>;
