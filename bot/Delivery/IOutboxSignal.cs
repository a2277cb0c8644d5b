namespace AdoptionBot.Delivery;

/// <summary>Wakes the outbox sender: call <see cref="Notify"/> after committing outbox rows.</summary>
public interface IOutboxSignal
{
    void Notify();

    /// <summary>Completes when notified, or after <paramref name="timeout"/>.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

public sealed class OutboxSignal : IOutboxSignal, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled: one wake-up covers every row enqueued before it
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
