using System.Text.Json.Nodes;
using AdoptionBot.Delivery;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.MultiInstance;

/// <summary>
/// Matches what reached the stand-in connector against the outbox rows. A message is known by where it went and its
/// card: a channel post by the channel and the card, a 1:1 message by the card alone (a personal chat the connector
/// creates for it gets a new id each time it is created, so a resend could land in a new conversation). Within one
/// run no two rows carry the same card to the same place, so two arrivals with one key are one message sent twice.
/// </summary>
internal sealed class DeliveryLedger
{
    private DeliveryLedger(Dictionary<string, long> rowsByKey, Dictionary<string, int> arrivalsByKey)
    {
        RowsByKey = rowsByKey;
        ArrivalsByKey = arrivalsByKey;
    }

    /// <summary>Each outbox row's message key, and the row id.</summary>
    public IReadOnlyDictionary<string, long> RowsByKey { get; }

    /// <summary>How often each message key reached the connector.</summary>
    public IReadOnlyDictionary<string, int> ArrivalsByKey { get; }

    /// <summary>Rows whose message arrived more than once, with the number of arrivals.</summary>
    public IReadOnlyDictionary<long, int> Duplicated =>
        RowsByKey.Where(r => ArrivalsByKey.GetValueOrDefault(r.Key) > 1).ToDictionary(r => r.Value, r => ArrivalsByKey[r.Key]);

    /// <summary>Rows whose message never arrived.</summary>
    public IReadOnlyList<long> Missing => [.. RowsByKey.Where(r => !ArrivalsByKey.ContainsKey(r.Key)).Select(r => r.Value)];

    /// <summary>Arrivals that no outbox row explains.</summary>
    public IReadOnlyList<string> Unexpected => [.. ArrivalsByKey.Keys.Where(k => !RowsByKey.ContainsKey(k))];

    /// <param name="turnIds">The ids of the activities posted to the bots: replies to them are not outbox messages.</param>
    public static DeliveryLedger Of(IEnumerable<OutboxMessage> rows, IEnumerable<SentActivity> arrivals, IReadOnlySet<string> turnIds)
    {
        var rowsByKey = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var content = (JsonNode.Parse(row.ActivityJson)?["attachments"] as JsonArray)?[0]?["content"];
            var key = KeyOf(row.ChannelLinkId is null ? null : row.ConversationId, content);
            if (!rowsByKey.TryAdd(key, row.Id))
            {
                throw new InvalidOperationException($"Outbox rows {rowsByKey[key]} and {row.Id} carry the same message to the same place ({row.DedupKey}).");
            }
        }

        var arrivalsByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var arrival in Proactive(arrivals, turnIds))
        {
            var channel = arrival.ConversationId.StartsWith("19:", StringComparison.Ordinal) ? arrival.ConversationId : null;
            var key = KeyOf(channel, (arrival.Activity["attachments"] as JsonArray)?[0]?["content"]);
            arrivalsByKey[key] = arrivalsByKey.GetValueOrDefault(key) + 1;
        }

        return new DeliveryLedger(rowsByKey, arrivalsByKey);
    }

    /// <summary>
    /// What the outbox sent, not replies within a turn. Both carry a replyToId (the outbox's is the id of the SDK's
    /// continuation activity), so a reply is told by its replyToId being an activity a test posted.
    /// </summary>
    public static IEnumerable<SentActivity> Proactive(IEnumerable<SentActivity> arrivals, IReadOnlySet<string> turnIds) =>
        arrivals.Where(a => a.Type == "message" && (a.ReplyToId is null || !turnIds.Contains(a.ReplyToId)));

    /// <summary>What went wrong, for a failure message: the first missing, duplicated and unexpected messages.</summary>
    public string Describe() =>
        $"{Missing.Count} missing, {Duplicated.Count} duplicated, {Unexpected.Count} unexpected."
        + (Missing.Count > 0 ? $"\nFirst missing: {RowsByKey.First(r => r.Value == Missing[0]).Key}" : "")
        + (Duplicated.Count > 0 ? $"\nFirst duplicated: {RowsByKey.First(r => r.Value == Duplicated.Keys.First()).Key}" : "")
        + (Unexpected.Count > 0 ? $"\nFirst unexpected: {Unexpected[0]}" : "");

    /// <summary>The key of a row's message as the connector sees it.</summary>
    public string KeyOf(OutboxMessage row) => RowsByKey.First(r => r.Value == row.Id).Key;

    private static string KeyOf(string? channelId, JsonNode? card) =>
        (channelId ?? "personal") + "\n" + (card?.ToJsonString() ?? "(no card)");
}
