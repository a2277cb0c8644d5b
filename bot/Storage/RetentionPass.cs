namespace AdoptionBot.Storage;

/// <summary>What one module deletes once it is past its retention period; registered with <see cref="StoreServiceCollectionExtensions.AddRetentionRule{T}"/>.</summary>
public interface IRetentionRule
{
    /// <summary>Deletes what is past retention now, in batches, and logs what went. Deleting is idempotent: every instance may run it.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The daily retention pass: an hour after start, then once a day on the injected clock, every module's
/// <see cref="IRetentionRule"/> in turn. One rule that fails is logged and does not keep the others from running.
/// </summary>
public sealed class RetentionPass(IEnumerable<IRetentionRule> rules, TimeProvider time, ILogger<RetentionPass> logger) : BackgroundService
{
    /// <summary>The first pass waits this long, so start-up (migrations, indexing) is not slowed by it.</summary>
    public static readonly TimeSpan FirstPass = TimeSpan.FromHours(1);

    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Runs every rule once, now.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var rule in rules)
        {
            try
            {
                await rule.RunAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                StorageLog.RetentionRuleFailed(logger, ex, rule.GetType().Name, Interval);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstPass, time, stoppingToken);
            while (true)
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
