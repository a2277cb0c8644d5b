using AdoptionBot.Storage;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>Who may write to the index now. The embedded index belongs to its instance; a shared index to one writer at a time.</summary>
public interface IKnowledgeWriteLease
{
    /// <summary>The right to write until disposed, or null when another instance is writing the shared index.</summary>
    Task<IAsyncDisposable?> TryHoldAsync(CancellationToken cancellationToken);
}

/// <summary>
/// With Azure AI Search every instance reads one index: only the instance holding the store lease "knowledge-index"
/// writes to it. The lease is taken for one sync, renewed while it runs and released after; a crashed writer's lease
/// expires after <see cref="Duration"/>. With the embedded index each instance writes its own, without a lease.
/// </summary>
public sealed class KnowledgeWriteLease : IKnowledgeWriteLease
{
    public const string Name = "knowledge-index";

    private readonly StoreLeases _leases;
    private readonly IOptions<KnowledgeOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeWriteLease> _logger;

    public KnowledgeWriteLease(StoreLeases leases, IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<KnowledgeWriteLease> logger)
    {
        _leases = leases;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    /// <summary>This instance's name in the lease.</summary>
    public string Owner { get; } = LeaseOwners.New();

    public async Task<IAsyncDisposable?> TryHoldAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.Index != KnowledgeIndexKind.AzureAISearch)
        {
            return NoLease.Instance;
        }

        if (!await _leases.TryAcquireAsync(Name, Owner, Duration, cancellationToken))
        {
            return null;
        }

        return new Hold(this);
    }

    /// <summary>The right to write where no lease is needed (the embedded index).</summary>
    internal sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Renews the lease every quarter of its duration until disposed, then releases it.</summary>
    private sealed class Hold : IAsyncDisposable
    {
        private readonly KnowledgeWriteLease _lease;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Hold(KnowledgeWriteLease lease)
        {
            _lease = lease;
            _renewing = RenewAsync(_stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            await _lease._leases.ReleaseAsync(Name, _lease.Owner, CancellationToken.None);
        }

        private async Task RenewAsync(CancellationToken stop)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(Duration / 4, _lease._time, stop);
                    if (!await _lease._leases.TryRenewAsync(Name, _lease.Owner, Duration, stop))
                    {
                        KnowledgeLog.WriteLeaseLost(_lease._logger, Name);
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                KnowledgeLog.WriteLeaseRenewFailed(_lease._logger, ex, Name);
            }
        }
    }
}
