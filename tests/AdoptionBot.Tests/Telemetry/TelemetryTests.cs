using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using System.Net;
using AdoptionBot.Delivery;
using AdoptionBot.Questions;
using AdoptionBot.Telemetry;
using AdoptionBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public async Task QuestionTurn_CountsTheTurnByTypeAndTheAnswerOutcome()
    {
        await using var host = await BotTestHost.StartAsync();
        using var metrics = new CollectedMetrics(host.Services.GetRequiredService<IMeterFactory>());

        await host.AskAsync(host.Activity("personal-message.json"));

        Assert.Equal(1, metrics.Sum(BotMetrics.TurnsInstrument, "activity.type", "message"));
        var outcomes = metrics.Tagged(BotMetrics.AnswersInstrument, "outcome");
        var outcome = Assert.Single(outcomes);
        Assert.Contains(outcome.Key, new[] { AnswerOutcomes.Answered, AnswerOutcomes.NotCovered });
        Assert.Equal(1, outcome.Value);
    }

    [Fact]
    public async Task OutboxDepthGauge_ReportsThePendingRowsOnly()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Telemetry:OutboxDepthRefreshSeconds"] = "1" });
        await host.QueryStoreAsync(async db =>
        {
            var later = DateTime.UtcNow.AddDays(1); // not due: the sender leaves them pending
            db.Outbox.AddRange(
                Row("a", OutboxStatuses.Pending, later),
                Row("b", OutboxStatuses.Pending, later),
                Row("c", OutboxStatuses.Pending, later),
                Row("d", OutboxStatuses.Sent, later),
                Row("e", OutboxStatuses.Failed, later));
            return await db.SaveChangesAsync();
        });
        using var metrics = new CollectedMetrics(host.Services.GetRequiredService<IMeterFactory>());

        var depth = await metrics.ObserveUntilAsync(BotMetrics.OutboxDepthInstrument, 3, TimeSpan.FromSeconds(10));

        Assert.Equal(3, depth);
    }

    [Theory]
    [InlineData("Console", null)]
    [InlineData("Otlp", "http://127.0.0.1:4317")]
    [InlineData("AzureMonitor", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")]
    public async Task Start_WithEachExporter_ServesRequests(string exporter, string? setting)
    {
        var data = Directory.CreateTempSubdirectory("adoptionbot-telemetry-").FullName;
        var settings = new Dictionary<string, string?> { ["Telemetry:Exporter"] = exporter };
        if (exporter == "Otlp")
        {
            settings["Telemetry:OtlpEndpoint"] = setting;
        }
        else if (exporter == "AzureMonitor")
        {
            settings[TelemetryOptions.ApplicationInsightsKey] = setting;
        }

        await using var factory = Factory(data, settings);
        using var response = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Options_AzureMonitorWithoutConnectionString_NamesTheVariable()
    {
        var options = new TelemetryOptions { Exporter = TelemetryExporter.AzureMonitor };

        var results = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(results, r => r.ErrorMessage!.Contains(TelemetryOptions.ApplicationInsightsKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("message", "message")]
    [InlineData("invoke", "invoke")]
    [InlineData("anything-a-caller-sends", "other")]
    [InlineData(null, "other")]
    public void ActivityTypeTag_KeepsKnownTypesAndFoldsTheRest(string? type, string expected) =>
        Assert.Equal(expected, BotMetrics.ActivityTypeTag(type));

    private static WebApplicationFactory<Program> Factory(string data, Dictionary<string, string?> settings)
    {
        settings["Knowledge:Path"] = TestPaths.TestData("BotKnowledge");
        settings["Storage:DataPath"] = data;
        settings["Logging:LogLevel:Default"] = "Warning";
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings)));
    }

    private static OutboxMessage Row(string key, string status, DateTime nextAttempt) => new()
    {
        DedupKey = "telemetry-test:" + key,
        Kind = "notice",
        ConversationId = "a:telemetry-" + key,
        TenantId = "tenant",
        ServiceUrl = "http://127.0.0.1:9/",
        BotId = "28:bot",
        ActivityJson = "{\"type\":\"message\",\"text\":\"hi\"}",
        Status = status,
        CreatedAtUtc = DateTime.UtcNow,
        NextAttemptAtUtc = nextAttempt,
    };

    /// <summary>The measurements of one host's meters (other tests' hosts run in parallel with their own meter factory).</summary>
    private sealed class CollectedMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();

        public CollectedMetrics(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Meter.Name == BotMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                _measurements.Enqueue((instrument.Name, value, copy));
            });
            _listener.Start();
        }

        public long Sum(string instrument, string tag, string value) =>
            _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

        public Dictionary<string, long> Tagged(string instrument, string tag) =>
            _measurements.Where(m => m.Instrument == instrument)
                .GroupBy(m => m.Tags.GetValueOrDefault(tag)?.ToString() ?? "")
                .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));

        /// <summary>Collects the gauges until one reports <paramref name="expected"/> (the store is read at most once a refresh interval); the last value otherwise.</summary>
        public Task<long?> ObserveUntilAsync(string instrument, long expected, TimeSpan timeout) =>
            Poll.ReadUntilAsync(
                () =>
                {
                    _measurements.Clear();
                    _listener.RecordObservableInstruments();
                    return Task.FromResult(_measurements.Where(m => m.Instrument == instrument).Select(m => (long?)m.Value).LastOrDefault());
                },
                last => last == expected,
                timeout,
                TimeSpan.FromMilliseconds(200));

        public void Dispose() => _listener.Dispose();
    }
}
