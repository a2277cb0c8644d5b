namespace AdoptionBot.Tests.Support;

/// <summary>Waiting for a bot that is starting to answer /healthz (migrated store, taking traffic).</summary>
public static class Healthz
{
    /// <summary>
    /// Asks /healthz every 200 ms until it answers 2xx. Before each try <paramref name="failure"/> may end the wait
    /// with a message (the process exited); after <paramref name="timeout"/> it fails with <paramref name="what"/>.
    /// </summary>
    public static async Task WaitAsync(Uri baseAddress, TimeSpan timeout, Func<string> what, Func<string?>? failure = null, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                if (failure?.Invoke() is { } message)
                {
                    throw new InvalidOperationException(message);
                }

                try
                {
                    using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), deadline.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // one slow answer while the host starts
                }

                await Task.Delay(200, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what()} did not answer /healthz within {timeout}.");
        }
    }
}
