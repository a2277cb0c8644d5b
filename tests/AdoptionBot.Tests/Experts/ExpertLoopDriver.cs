using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Experts;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Experts;

/// <summary>
/// Drives the expert loop through /api/messages with Teams activity JSON: Anna Keller asks in her 1:1 chat, the
/// portfolio team links the experts' channel, Megan and Jonas press the ticket's buttons in that channel.
/// </summary>
public sealed partial class ExpertLoopDriver(BotTestHost host)
{
    public const string ExpertsChannel = "19:genaiExperts0001@thread.tacv2";
    public const string ExpertsTeam = "19:genaiExpertsTeam@thread.tacv2";
    public const string AskerObjectId = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";
    public const string AskerConversation = "a:1XyZpersonalConversation0001";
    public const string AdminConversation = "a:portfolioAdminChat0001";

    public static readonly Expert Megan = new("29:megan-bowen", "Megan Bowen", "d1d1d1d1-0000-4000-8000-00000000d1d1");
    public static readonly Expert Jonas = new("29:jonas-brandt", "Jonas Brandt", "e2e2e2e2-0000-4000-8000-00000000e2e2");

    public BotTestHost Host => host;

    /// <summary>The portfolio team links the experts' channel (and has a 1:1 chat with the bot, where approvals go).</summary>
    public async Task LinkExpertsChannelAsync()
    {
        await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "help";
            a["from"] = new JsonObject { ["id"] = "29:portfolio-admin", ["name"] = "Paula Portfolio", ["aadObjectId"] = BotTestHost.AdminObjectId };
            a["conversation"]!["id"] = AdminConversation;
        }));
        var reply = await host.AskAsync(host.ChannelMessage("link experts", ExpertsChannel, ExpertsTeam, "GenAI experts", null) is var message
            ? With(message, m => m["from"] = new JsonObject { ["id"] = "29:portfolio-admin", ["name"] = "Paula Portfolio", ["aadObjectId"] = BotTestHost.AdminObjectId })
            : message);
        Xunit.Assert.Contains("experts' channel", reply.Text, StringComparison.Ordinal);
    }

    /// <summary>Anna asks in her 1:1 chat; returns the bot's answer.</summary>
    public Task<SentActivity> AskAsync(string question) =>
        host.AskAsync(host.Activity("personal-message.json", a => a["text"] = question));

    /// <summary>Anna presses "Ask the GenAI team" under an answer, then sends the form; returns the ticket's number.</summary>
    public async Task<int> OpenTicketAsync(SentActivity answer, string? context = null, bool showName = true)
    {
        var offer = ExecuteData(answer, ExpertCards.AskFormVerb) ?? throw new Xunit.Sdk.XunitException($"No 'Ask the GenAI team' under the answer:\n{ShownText.Joined(answer)}");
        var form = await host.PressAndReadAsync(offer);
        var send = ExecuteDataOf(JsonNode.Parse(form)!["value"], ExpertCards.AskVerb) ?? throw new Xunit.Sdk.XunitException($"The form has no send button:\n{form}");
        send[ExpertCards.ContextInput] = context;
        send[ExpertCards.ShowNameInput] = showName ? "true" : "false";
        var asked = await host.PressAndReadAsync(send);
        var match = TicketId().Match(asked);
        Xunit.Assert.True(match.Success, asked);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An expert presses a ticket's button in the experts' channel; <paramref name="inputs"/> are the card's inputs.</summary>
    public Task<HttpResponseMessage> PressAsExpertAsync(Expert expert, string verb, int ticketId, IDictionary<string, string>? inputs = null, string? channel = null) =>
        host.PressAsync(TicketData(verb, ticketId, inputs), change: a => InChannel(a, expert, channel ?? ExpertsChannel));

    public async Task<string> PressAsExpertAndReadAsync(Expert expert, string verb, int ticketId, IDictionary<string, string>? inputs = null, string? channel = null)
    {
        using var response = await PressAsExpertAsync(expert, verb, ticketId, inputs, channel);
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    /// <summary>Anna presses a button of the answer relayed to her.</summary>
    public Task<string> PressAsAskerAsync(string verb, int ticketId, int answerNumber, string? comment = null)
    {
        var data = new JsonObject { ["verb"] = verb, ["ticketId"] = ticketId, ["answer"] = answerNumber };
        if (comment is not null)
        {
            data[ExpertCards.CommentInput] = comment;
        }

        return host.PressAndReadAsync(data);
    }

    /// <summary>A portfolio-team member presses a button in their 1:1 chat.</summary>
    public Task<string> PressAsAdminAsync(JsonObject data) =>
        host.PressAndReadAsync(data, admin: true, change: a =>
        {
            a["from"] = new JsonObject { ["id"] = "29:portfolio-admin", ["name"] = "Paula Portfolio", ["aadObjectId"] = BotTestHost.AdminObjectId };
            a["conversation"]!["id"] = AdminConversation;
        });

    public static JsonObject TicketData(string verb, int ticketId, IDictionary<string, string>? inputs = null)
    {
        var data = new JsonObject { ["verb"] = verb, ["ticketId"] = ticketId };
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The data of the first Action.Execute with this verb in the activity's cards.</summary>
    public static JsonObject? ExecuteData(SentActivity activity, string verb) => ExecuteDataOf(activity.Activity, verb);

    public static JsonObject? ExecuteDataOf(JsonNode? node, string verb) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb => o["data"]?.DeepClone().AsObject(),
        JsonObject o => o.Select(p => ExecuteDataOf(p.Value, verb)).FirstOrDefault(d => d is not null),
        JsonArray a => a.Select(n => ExecuteDataOf(n, verb)).FirstOrDefault(d => d is not null),
        _ => null,
    };

    /// <summary>Every verb of the Action.Execute buttons in a card (or an invoke response).</summary>
    public static IReadOnlyList<string> Verbs(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() is { } verb => [verb],
        JsonObject o => [.. o.Where(p => p.Key != "refresh").SelectMany(p => Verbs(p.Value))],
        JsonArray a => [.. a.SelectMany(Verbs)],
        _ => [],
    };

    /// <summary>A card action as pressed in the experts' channel (a thread of it), by <paramref name="expert"/>.</summary>
    public static void InChannel(JsonObject activity, Expert expert, string channel)
    {
        activity["from"] = new JsonObject { ["id"] = expert.ChannelUserId, ["name"] = expert.Name, ["aadObjectId"] = expert.ObjectId };
        activity["conversation"] = new JsonObject
        {
            ["conversationType"] = "channel",
            ["isGroup"] = true,
            ["tenantId"] = "72f988bf-0000-4000-8000-000000000001",
            ["id"] = channel + ";messageid=1764234990000",
        };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "72f988bf-0000-4000-8000-000000000001" },
            ["teamsChannelId"] = channel,
            ["teamsTeamId"] = ExpertsTeam,
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "Ask the experts" },
            ["team"] = new JsonObject { ["id"] = ExpertsTeam, ["name"] = "GenAI experts" },
        };
    }

    /// <summary>The messages (new ones, not updates) posted to the experts' channel about a ticket.</summary>
    public IReadOnlyList<SentActivity> ChannelPosts(int ticketId) =>
        [.. host.Connector.Sent.Where(a => a.ConversationId == ExpertsChannel && !a.IsUpdate && ShownText.Joined(a).Contains(ExpertTicket.FormatId(ticketId), StringComparison.Ordinal))];

    /// <summary>The answers relayed to Anna's 1:1 chat for a ticket.</summary>
    public IReadOnlyList<SentActivity> Relays(int ticketId) =>
        [.. host.Connector.Sent.Where(a => a.ConversationId == AskerConversation && ShownText.Joined(a).Contains($"The GenAI team answered your question ({ExpertTicket.FormatId(ticketId)})", StringComparison.Ordinal))];

    private static JsonObject With(JsonObject activity, Action<JsonObject> change)
    {
        change(activity);
        return activity;
    }

    [GeneratedRegex(@"ASK-(\d{4,})")]
    private static partial Regex TicketId();
}

/// <summary>A GenAI expert as Teams names them in an activity.</summary>
public sealed record Expert(string ChannelUserId, string Name, string ObjectId);
