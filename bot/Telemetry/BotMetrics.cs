using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Bot.Schema;

namespace AdoptionBot.Telemetry;

/// <summary>The bot's own instruments (meter "AdoptionBot"): turns, answer outcomes, outbox send failures and a busy store.</summary>
public sealed class BotMetrics
{
    public const string MeterName = "AdoptionBot";
    public const string ActivitySourceName = "AdoptionBot";
    public const string TurnsInstrument = "adoptionbot.turns";
    public const string AnswersInstrument = "adoptionbot.answers";
    public const string SendFailuresInstrument = "adoptionbot.outbox.send_failures";
    public const string OutboxDepthInstrument = "adoptionbot.outbox.depth";
    public const string StoreBusyInstrument = "adoptionbot.store.busy";

    /// <summary>Spans of the bot's own work: one per turn.</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    // A caller chooses the activity type: anything else is counted as "other", so a tag can't grow without bound.
    private static readonly HashSet<string> KnownActivityTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
        ActivityTypes.MessageReaction, ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete, ActivityTypes.Event,
        ActivityTypes.Typing, ActivityTypes.EndOfConversation,
    };

    private readonly Counter<long> _turns;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _sendFailures;
    private readonly Counter<long> _storeBusy;

    public BotMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>(TurnsInstrument, "{turn}", "Turns received on /api/messages, by activity type.");
        _answers = meter.CreateCounter<long>(AnswersInstrument, "{answer}", "Questions answered, by outcome: answered, notCovered, unavailable (the knowledge search failed).");
        _storeBusy = meter.CreateCounter<long>(StoreBusyInstrument, "{event}", "Times the store stayed busy or unreachable past its timeout, by what was affected: turn or question_record.");
        _sendFailures = meter.CreateCounter<long>(SendFailuresInstrument, "{send}", "Outbox sends that failed, by result: retry (the row will be sent again) or failed (given up).");
    }

    /// <summary>The activity type as it is used in tags and span names.</summary>
    public static string ActivityTypeTag(string? type) => type is not null && KnownActivityTypes.Contains(type) ? type : "other";

    public void Turn(string activityTypeTag) => _turns.Add(1, new KeyValuePair<string, object?>("activity.type", activityTypeTag));

    public void Answer(string outcome) => _answers.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary><paramref name="affected"/>: "turn" (the user was asked to try again) or "question_record" (an answered question went unrecorded).</summary>
    public void StoreBusy(string affected) => _storeBusy.Add(1, new KeyValuePair<string, object?>("affected", affected));

    public void SendFailure(bool willRetry) => _sendFailures.Add(1, new KeyValuePair<string, object?>("result", willRetry ? "retry" : "failed"));
}
