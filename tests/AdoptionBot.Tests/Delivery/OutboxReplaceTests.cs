using AdoptionBot.Delivery;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Tests.Delivery;

/// <summary>
/// A queued message given new content (a ticket's card as the ticket moves): sent with the newest content when it had
/// not gone out yet, updated in place (PUT) once posted, never overwritten by older content, and not lost when the
/// replacement comes in while the first send is under way.
/// </summary>
public abstract class OutboxReplaceTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string Channel = "19:experts@thread.tacv2";
    private DeliveryHarness _harness = null!;
    private Outbox _outbox = null!;

    public async Task InitializeAsync()
    {
        _harness = await DeliveryHarness.StartAsync<TStore>();
        _outbox = new Outbox(_harness.Store, new OutboxSignal(), TimeProvider.System);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [StoreFact]
    public async Task Replace_BeforeTheSend_TheNewestContentGoesOutOnce()
    {
        var key = await EnqueueAsync("version 1");

        Assert.True(await _outbox.ReplaceAsync(key, Message("version 3"), 3, CancellationToken.None));
        Assert.False(await _outbox.ReplaceAsync(key, Message("version 2"), 2, CancellationToken.None));
        await _harness.Sender().SendDueAsync(CancellationToken.None);

        var sent = Assert.Single(_harness.Connector.Sent);
        Assert.False(sent.IsUpdate);
        Assert.Equal("version 3", sent.Text);
    }

    [StoreFact]
    public async Task Replace_AfterTheSend_UpdatesThePostedMessageInPlace()
    {
        var key = await EnqueueAsync("version 1");
        var sender = _harness.Sender();
        await sender.SendDueAsync(CancellationToken.None);
        var posted = Assert.Single(_harness.Connector.Sent);

        Assert.True(await _outbox.ReplaceAsync(key, Message("version 2"), 2, CancellationToken.None));
        await sender.SendDueAsync(CancellationToken.None);

        var update = _harness.Connector.Sent.Last();
        Assert.True(update.IsUpdate);
        Assert.Equal(posted.Id, update.Id);
        Assert.Equal("version 2", update.Text);
        var row = Assert.Single(await _harness.RowsAsync());
        Assert.Equal(OutboxStatuses.Sent, row.Status);
        Assert.Equal(posted.Id, row.SentActivityId);
        Assert.Equal(2, row.ContentVersion);
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task Replace_WhileTheFirstSendIsUnderWay_IsSentAsAnUpdateAfterIt()
    {
        var key = await EnqueueAsync("version 1");
        var sender = _harness.Sender();
        _harness.Connector.AnswerDelay = TimeSpan.FromMilliseconds(800);

        var sending = sender.SendDueAsync(CancellationToken.None);
        await Poll.UntilAsync(() => _harness.Connector.Sent.Count == 1, TimeSpan.FromSeconds(10), () => "the first post to reach the connector");
        Assert.True(await _outbox.ReplaceAsync(key, Message("version 2"), 2, CancellationToken.None));
        await sending;
        _harness.Connector.AnswerDelay = TimeSpan.Zero;

        Assert.Equal(OutboxStatuses.Pending, Assert.Single(await _harness.RowsAsync()).Status);
        await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(["version 1", "version 2"], _harness.Connector.Sent.Select(a => a.Text));
        Assert.True(_harness.Connector.Sent.Last().IsUpdate);
        Assert.Equal(OutboxStatuses.Sent, Assert.Single(await _harness.RowsAsync()).Status);
    }

    [StoreFact]
    public async Task Replace_OfAMessageNeverQueued_ChangesNothing()
    {
        Assert.False(await _outbox.ReplaceAsync("no-such-key", Message("x"), 2, CancellationToken.None));
        Assert.Empty(await _harness.RowsAsync());
    }

    private async Task<string> EnqueueAsync(string text)
    {
        var recipient = new OutboxRecipient(DeliveryHarness.TenantId, _harness.Connector.ServiceUrl, DeliveryHarness.BotId, Channel);
        var key = "ticket:test:" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await _outbox.EnqueueAsync([new OutboxEntry(recipient, Message(text), key, "expertTicket")], CancellationToken.None));
        return key;
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };
}

public sealed class SqliteOutboxReplaceTests : OutboxReplaceTests<SqliteStoreFixture>;

public sealed class PostgreSqlOutboxReplaceTests : OutboxReplaceTests<PostgreSqlStoreFixture>;
