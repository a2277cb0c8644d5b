namespace AdoptionBot.Tests.Support;

/// <summary>Waiting for something another process or a background service does.</summary>
public static class Poll
{
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

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
