namespace AdoptionBot.Tests.Support;

/// <summary>Waiting for something another process or a background service does: the one way tests wait.</summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> (100 ms) until it holds; after <paramref name="timeout"/>, fails naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what, TimeSpan? interval = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout} for {what()}.");
            }

            await Task.Delay(interval ?? DefaultInterval, CancellationToken.None);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, Func{string}, TimeSpan?)"/>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, interval);

    /// <summary>
    /// Reads every <paramref name="interval"/> (100 ms) until <paramref name="done"/> holds for the value read, or
    /// <paramref name="timeout"/> has passed; returns the last value read, for the caller to assert on.
    /// </summary>
    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan? interval = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var value = await read();
            if (done(value) || cts.IsCancellationRequested)
            {
                return value;
            }

            await Task.Delay(interval ?? DefaultInterval, CancellationToken.None);
        }
    }
}
