using System.Diagnostics.Metrics;
using AdoptionBot.Telemetry;

namespace AdoptionBot.AI;

/// <summary>How generated answers end, for dashboards and alerts (meter "AdoptionBot.AI").</summary>
public sealed class GenerationMetrics
{
    public const string MeterName = BotMetrics.MeterName + ".AI";
    public const string OutcomesInstrument = "adoptionbot.ai.answers";
    public const string DurationInstrument = "adoptionbot.ai.generation.duration";

    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _duration;

    public GenerationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _outcomes = meter.CreateCounter<long>(OutcomesInstrument, "{answer}", "Answers by how the model call ended: generated, not_covered, no_citation, fallback_timeout, fallback_error.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, "ms", "Time from the model call to the full answer or the fallback.");
    }

    public void Record(string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _outcomes.Add(1, tag);
        _duration.Record(elapsed.TotalMilliseconds, tag);
    }
}

/// <summary>Values of the "outcome" tag.</summary>
public static class GenerationOutcomes
{
    /// <summary>The model answered and cited at least one retrieved passage.</summary>
    public const string Generated = "generated";

    /// <summary>The model said the passages do not cover the question.</summary>
    public const string NotCovered = "not_covered";

    /// <summary>The model answered but cited no retrieved passage: treated as not covered.</summary>
    public const string NoCitation = "no_citation";

    /// <summary>The model did not answer within AI:TimeoutSeconds: the extracted answer was sent.</summary>
    public const string FallbackTimeout = "fallback_timeout";

    /// <summary>The model call failed (HTTP error, throttling, network): the extracted answer was sent.</summary>
    public const string FallbackError = "fallback_error";
}
