using System.Runtime.ExceptionServices;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;

namespace AdoptionBot.Delivery;

/// <summary>
/// Sends the outbox: claims due rows with a lease (so several instances on one store never send a row twice), posts
/// each through the adapter within Teams' rate limits and with retries, and stores the outcome on the row.
/// </summary>
public sealed class OutboxSender : BackgroundService
{
    private static readonly ResiliencePropertyKey<DeliveryTarget> TargetKey = new("AdoptionBot.Delivery.Target");
    private static readonly ResiliencePropertyKey<PendingSend> SendKey = new("AdoptionBot.Delivery.Send");

    private readonly IDbContextFactory<AdoptionBotDbContext> _contexts;
    private readonly IOutboxClaimer _claimer;
    private readonly BotAdapter _adapter;
    private readonly IOutboxSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OutboxSender> _logger;
    private readonly BotMetrics _metrics;
    private readonly IEnumerable<IDeliveryObserver> _observers;
    private readonly DeliveryOptions _options;
    private readonly string _botAppId;
    private readonly ResiliencePipeline _pipeline;

    // Cancelled only when the host's shutdown time runs out: until then a connector call under way is finished.
    private readonly CancellationTokenSource _abandonCalls = new();

    public OutboxSender(
        IDbContextFactory<AdoptionBotDbContext> contexts,
        IOutboxClaimer claimer,
        BotAdapter adapter,
        DeliveryRateLimits rateLimits,
        IOutboxSignal signal,
        IOptions<DeliveryOptions> options,
        IOptions<BotIdentityOptions> identity,
        BotMetrics metrics,
        IEnumerable<IDeliveryObserver> observers,
        TimeProvider timeProvider,
        ILogger<OutboxSender> logger)
    {
        _metrics = metrics;
        _observers = observers;
        _contexts = contexts;
        _claimer = claimer;
        _adapter = adapter;
        _signal = signal;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options.Value;
        // Anonymous local mode has no app id; the SDK wants an empty one, not null.
        _botAppId = identity.Value.MicrosoftAppId ?? string.Empty;
        _pipeline = BuildPipeline(rateLimits);
    }

    /// <summary>This instance's name in <see cref="OutboxMessage.LeaseOwner"/>.</summary>
    public string InstanceId { get; } = LeaseOwners.New();

    /// <summary>One pass: claims the due rows (up to the batch size), sends them and stores the outcomes. Returns the rows sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var (_, sent) = await RunPassAsync(cancellationToken, cancellationToken);
        return sent;
    }

    /// <summary>
    /// Stops between rows, not inside a connector call: a call cancelled after the connector took the message would
    /// leave the row unsent and another instance would send it again. Calls under way finish (until the host's
    /// shutdown timeout), and rows claimed but not started are given back for another instance's next poll.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(_abandonCalls.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandonCalls.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await TakeBackLeasesOfEndedProcessesAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            DeliveryLog.PassFailed(_logger, ex); // the leases then run out as usual
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                (claimed, _) = await RunPassAsync(stoppingToken, _abandonCalls.Token);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                DeliveryLog.PassFailed(_logger, ex);
            }

            if (claimed < _options.BatchSize)
            {
                try
                {
                    await _signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private DateTime UtcNow => _timeProvider.GetUtcNow().UtcDateTime;

    /// <param name="cancellationToken">Stops the pass: no further row is started, and the rows not started are given back.</param>
    /// <param name="callToken">Abandons a connector call already under way.</param>
    private async Task<(int Claimed, int Sent)> RunPassAsync(CancellationToken cancellationToken, CancellationToken callToken)
    {
        var rows = await ClaimAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return (0, 0);
        }

        var sent = 0;
        // Rows to one conversation go in order; different conversations in parallel.
        var conversations = rows.GroupBy(r => r.ConversationId ?? r.UserChannelId ?? string.Empty).Select(g => g.OrderBy(r => r.Id).ToList());
        await Parallel.ForEachAsync(
            conversations,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelConversations },
            async (conversation, _) =>
            {
                foreach (var row in conversation)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        await ReleaseAsync(new PendingSend(row));
                        continue;
                    }

                    try
                    {
                        if (await ProcessAsync(row, cancellationToken, callToken))
                        {
                            Interlocked.Increment(ref sent);
                        }
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        await ReleaseAsync(new PendingSend(row));
                    }
                }
            });
        cancellationToken.ThrowIfCancellationRequested();
        return (rows.Count, sent);
    }

    private async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = UtcNow;
        return await _claimer.ClaimAsync(InstanceId, now, now.AddSeconds(_options.LeaseSeconds), _options.BatchSize, cancellationToken);
    }

    /// <summary>Sends one claimed row and stores the outcome; true when it was sent.</summary>
    private async Task<bool> ProcessAsync(OutboxMessage row, CancellationToken cancellationToken, CancellationToken callToken)
    {
        var send = new PendingSend(row);
        try
        {
            await DeliverAsync(send, cancellationToken, callToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(send);
            throw;
        }
        catch (LeaseLostException)
        {
            // Another instance took the row over while this one waited (rate limits, retries): it is the other's to send.
            DeliveryLog.LeaseLost(_logger, row.Id);
            return false;
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(send, ex);
            return false;
        }

        await CompleteAsync(send);
        DeliveryLog.Sent(_logger, row.Id, send.ConversationId ?? string.Empty);
        return true;
    }

    private async Task DeliverAsync(PendingSend send, CancellationToken cancellationToken, CancellationToken callToken)
    {
        var row = send.Row;
        var activity = JsonConvert.DeserializeObject<Activity>(row.ActivityJson)
            ?? throw new JsonSerializationException("The outbox row holds no activity.");
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(TargetKey, new DeliveryTarget(row.TenantId, row.ConversationId ?? row.UserChannelId ?? string.Empty));
            context.Properties.Set(SendKey, send);
            await _pipeline.ExecuteAsync(
                // Waits (rate limits, retry delays) stop with the pass; the call itself only with callToken or its timeout.
                static async (ctx, state) =>
                {
                    // Every call starts with more than half a lease left and lasts less than half: it cannot outlive the lease.
                    await state.Sender.KeepLeaseAsync(state.Send, ctx.CancellationToken);
                    await state.Sender.SendOnceAsync(state.Send, state.Activity, state.CallToken);
                },
                context,
                (Sender: this, Send: send, Activity: activity, CallToken: callToken));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One connector call, abandoned after <see cref="DeliveryOptions.ConnectorTimeout"/> as a <see cref="TimeoutException"/> (worth a retry).</summary>
    private async ValueTask SendOnceAsync(PendingSend send, Activity activity, CancellationToken callToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectorTimeout, _timeProvider);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(callToken, timeout.Token);
        try
        {
            await CallAsync(send, activity, call.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !callToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Bot Connector did not answer within {_options.ConnectorTimeoutSeconds} s (Delivery:ConnectorTimeoutSeconds).", ex);
        }
    }

    private async Task CallAsync(PendingSend send, Activity activity, CancellationToken cancellationToken)
    {
        var row = send.Row;
        // The adapter hands an exception thrown in the callback to OnTurnError, which would swallow it: carry it out instead.
        ExceptionDispatchInfo? failure = null;
        async Task SendAsync(ITurnContext turn, CancellationToken token)
        {
            try
            {
                send.ConversationId ??= turn.Activity.Conversation?.Id;
                turn.TurnState.Set(CardSizeGuard.KindKey, row.Kind);
                if (row.SentActivityId is { } posted)
                {
                    // Replaced content of a message already posted: the message is updated where it is.
                    activity.Id = posted;
                    await turn.UpdateActivityAsync(activity, token);
                }
                else
                {
                    send.SentActivityId = (await turn.SendActivityAsync(activity, token))?.Id;
                }
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }

        if (send.ConversationId is { } conversationId)
        {
            var reference = new ConversationReference
            {
                ChannelId = Microsoft.Bot.Connector.Channels.Msteams,
                ServiceUrl = row.ServiceUrl,
                Bot = new ChannelAccount(row.BotId),
                Conversation = new ConversationAccount(id: conversationId, tenantId: row.TenantId),
            };
            await _adapter.ContinueConversationAsync(_botAppId, reference, SendAsync, cancellationToken);
        }
        else
        {
            var parameters = new ConversationParameters
            {
                IsGroup = false,
                Bot = new ChannelAccount(row.BotId),
                Members = [new ChannelAccount(row.UserChannelId)],
                TenantId = row.TenantId,
                ChannelData = new TeamsChannelData { Tenant = new TenantInfo(row.TenantId) },
            };
            await _adapter.CreateConversationAsync(_botAppId, Microsoft.Bot.Connector.Channels.Msteams, row.ServiceUrl, null, parameters, SendAsync, cancellationToken);
        }

        failure?.Throw();
    }

    /// <summary>
    /// Past half of the lease, renews it (the row stays this instance's while it waits for Teams' limits or a retry);
    /// throws <see cref="LeaseLostException"/> when another instance has taken the row over or it was settled meanwhile.
    /// </summary>
    private async Task KeepLeaseAsync(PendingSend send, CancellationToken cancellationToken)
    {
        if (send.LeaseLost)
        {
            throw new LeaseLostException();
        }

        if (UtcNow < send.LeaseUntilUtc.AddSeconds(-_options.LeaseSeconds / 2.0))
        {
            return;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var leaseUntil = UtcNow.AddSeconds(_options.LeaseSeconds);
        var renewed = await db.Outbox
            .Where(o => o.Id == send.Row.Id && o.Status == OutboxStatuses.Pending && o.LeaseOwner == InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntilUtc, leaseUntil), cancellationToken) == 1;
        if (!renewed)
        {
            send.LeaseLost = true;
            throw new LeaseLostException();
        }

        send.LeaseUntilUtc = leaseUntil;
        DeliveryLog.LeaseRenewed(_logger, send.Row.Id, leaseUntil);
    }

    private async Task CompleteAsync(PendingSend send)
    {
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
        var now = UtcNow;
        var claimedVersion = send.Row.ContentVersion;
        var postedId = send.SentActivityId;
        var affected = await db.Outbox
            .Where(o => o.Id == send.Row.Id && o.LeaseOwner == InstanceId)
            .ExecuteUpdateAsync(
                // Content replaced while this send was under way stays pending: the next pass updates the posted message.
                s => s.SetProperty(o => o.Status, o => o.ContentVersion == claimedVersion ? OutboxStatuses.Sent : OutboxStatuses.Pending)
                    .SetProperty(o => o.SentActivityId, o => postedId ?? o.SentActivityId)
                    .SetProperty(o => o.SentAtUtc, now)
                    .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                    .SetProperty(o => o.ConversationId, send.ConversationId)
                    .SetProperty(o => o.LastError, (string?)null)
                    .SetProperty(o => o.LeaseOwner, (string?)null)
                    .SetProperty(o => o.LeaseUntilUtc, (DateTime?)null),
                CancellationToken.None);
        if (affected == 0)
        {
            DeliveryLog.LeaseLost(_logger, send.Row.Id);
        }
    }

    private async Task RecordFailureAsync(PendingSend send, Exception exception)
    {
        var row = send.Row;
        var reason = ConnectorFailure.Describe(exception);
        var attempts = row.Attempts + 1;
        var now = UtcNow;
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);

        if (ConnectorFailure.IsGone(exception))
        {
            foreach (var observer in _observers)
            {
                await observer.ConversationGoneAsync(row.Recipient with { ConversationId = send.ConversationId }, reason, CancellationToken.None);
            }
        }

        var failed = ConnectorFailure.IsPermanent(exception) || attempts >= _options.MaxRowAttempts;
        var nextAttempt = failed ? row.NextAttemptAtUtc : now + RowDelay(attempts, exception);
        var affected = await db.Outbox
            .Where(o => o.Id == row.Id && o.LeaseOwner == InstanceId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.Status, failed ? OutboxStatuses.Failed : OutboxStatuses.Pending)
                    .SetProperty(o => o.Attempts, attempts)
                    .SetProperty(o => o.NextAttemptAtUtc, nextAttempt)
                    .SetProperty(o => o.ConversationId, send.ConversationId)
                    .SetProperty(o => o.LastError, reason)
                    .SetProperty(o => o.LeaseOwner, (string?)null)
                    .SetProperty(o => o.LeaseUntilUtc, (DateTime?)null),
                CancellationToken.None);
        if (affected == 0)
        {
            DeliveryLog.LeaseLost(_logger, row.Id);
        }
        else if (failed)
        {
            _metrics.SendFailure(willRetry: false);
            DeliveryLog.Failed(_logger, row.Id, attempts, reason);
        }
        else
        {
            _metrics.SendFailure(willRetry: true);
            DeliveryLog.WillRetry(_logger, row.Id, attempts, nextAttempt, reason);
        }
    }

    /// <summary>
    /// After a crash on this machine (the process killed, the container restarted in place), the rows the dead process
    /// had leased are taken back at once instead of when their lease runs out (<see cref="DeliveryOptions.LeaseSeconds"/>).
    /// Only leases of this machine whose process id is no longer running are touched; another live process, here or
    /// on another machine, keeps its rows. As with an expired lease, a message whose call was under way at the crash
    /// may arrive twice.
    /// </summary>
    internal async Task<int> TakeBackLeasesOfEndedProcessesAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var owners = await db.Outbox
            .Where(o => o.Status == OutboxStatuses.Pending && o.LeaseOwner != null && o.LeaseOwner.StartsWith(LeaseOwners.MachinePrefix))
            .Select(o => o.LeaseOwner!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var taken = 0;
        foreach (var owner in owners.Where(LeaseOwners.IsOfEndedProcessOnThisMachine))
        {
            var rows = await db.Outbox
                .Where(o => o.Status == OutboxStatuses.Pending && o.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntilUtc, (DateTime?)null), cancellationToken);
            DeliveryLog.LeasesTakenBack(_logger, rows, owner);
            taken += rows;
        }

        return taken;
    }

    /// <summary>Gives the row back untouched when the sender stops mid-send, so the next instance sends it at once.</summary>
    private async Task ReleaseAsync(PendingSend send)
    {
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Outbox
            .Where(o => o.Id == send.Row.Id && o.LeaseOwner == InstanceId && o.Status == OutboxStatuses.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>
    /// A row's next send continues the backoff of the calls it already made, or waits the connector's Retry-After when
    /// longer; either up to <see cref="DeliveryOptions.MaxRowDelay"/>.
    /// </summary>
    private TimeSpan RowDelay(int rowAttempts, Exception exception)
    {
        var exponent = Math.Min(30, _options.AttemptsPerSend + rowAttempts - 1);
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.BackoffBase.Ticks * Math.Pow(2, exponent), _options.MaxRowDelay.Ticks));
        var retryAfter = ConnectorFailure.RetryAfter(exception, _timeProvider.GetUtcNow());
        return retryAfter > delay ? (retryAfter < _options.MaxRowDelay ? retryAfter.Value : _options.MaxRowDelay) : delay;
    }

    /// <summary>Whether the connector's Retry-After asks for a longer wait than one send may make (<see cref="DeliveryOptions.MaxRetryAfter"/>).</summary>
    private bool AsksToWaitBeyondTheSend(Exception? exception) =>
        ConnectorFailure.RetryAfter(exception, _timeProvider.GetUtcNow()) > _options.MaxRetryAfter;

    private ResiliencePipeline BuildPipeline(DeliveryRateLimits rateLimits)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        if (_options.AttemptsPerSend > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.AttemptsPerSend - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BackoffBase,
                // No wait between two calls may outlast the lease (DeliveryOptions validates MaxRetryAfter below half of it).
                MaxDelay = _options.MaxRowDelay < _options.MaxRetryAfter ? _options.MaxRowDelay : _options.MaxRetryAfter,
                // A Retry-After longer than one send may wait ends the send: the row goes back and waits it out without a lease.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && ConnectorFailure.IsTransient(ex, args.Context.CancellationToken) && !AsksToWaitBeyondTheSend(ex)),
                // Throttled: wait as long as the connector asks, not the backoff.
                DelayGenerator = args => ValueTask.FromResult(ConnectorFailure.RetryAfter(args.Outcome.Exception, _timeProvider.GetUtcNow())),
                OnRetry = async args =>
                {
                    var send = args.Context.Properties.GetValue(SendKey, null!);
                    DeliveryLog.Retrying(
                        _logger,
                        send.Row.Id,
                        args.Outcome.Exception is { } ex ? ConnectorFailure.Describe(ex) : "no result",
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    try
                    {
                        // Renewed before the wait, so the row stays this instance's through it; lost, the next call is not made.
                        await KeepLeaseAsync(send, args.Context.CancellationToken);
                    }
                    catch (LeaseLostException)
                    {
                        // send.LeaseLost is set: the next attempt stops before calling the connector.
                    }
                },
            });
        }

        // Inside the retry, so every call, retries included, counts against Teams' limits.
        builder.AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = args => rateLimits.AcquireAsync(args.Context.Properties.GetValue(TargetKey, default), args.Context.CancellationToken),
        });
        return builder.Build();
    }

    /// <summary>A row being sent, with the personal conversation once the connector has created it, and the lease as last renewed.</summary>
    private sealed class PendingSend(OutboxMessage row)
    {
        public OutboxMessage Row { get; } = row;

        public string? ConversationId { get; set; } = row.ConversationId;

        public DateTime LeaseUntilUtc { get; set; } = row.LeaseUntilUtc ?? DateTime.MinValue;

        public bool LeaseLost { get; set; }

        /// <summary>The id the connector gave a newly posted message.</summary>
        public string? SentActivityId { get; set; }
    }

    /// <summary>The row's lease passed to another instance, or the row was settled, while this one was about to call.</summary>
    private sealed class LeaseLostException : Exception
    {
        public LeaseLostException()
            : base("The outbox row's lease was lost.")
        {
        }
    }
}
