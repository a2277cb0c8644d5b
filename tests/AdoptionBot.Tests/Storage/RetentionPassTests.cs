using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Storage;

public sealed class RetentionPassTests
{
    [Fact]
    public async Task RunOnce_ARuleThatFails_IsLoggedAndTheNextRuleStillRuns()
    {
        var after = new CountingRule();
        var logger = new CapturingLogger<RetentionPass>();
        var pass = new RetentionPass([new FailingRule(), after], new FakeTimeProvider(), logger);

        await pass.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, after.Runs);
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(nameof(FailingRule), error.Message, StringComparison.Ordinal);
    }

    private sealed class FailingRule : IRetentionRule
    {
        public Task RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("store gone");
    }

    private sealed class CountingRule : IRetentionRule
    {
        public int Runs { get; private set; }

        public Task RunAsync(CancellationToken cancellationToken)
        {
            Runs++;
            return Task.CompletedTask;
        }
    }
}
