using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdoptionBot.Experts;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// The expert loop through /api/messages on the sample knowledge base: opening a ticket (the ask form's invoke to the
/// confirmation, the bot's attempt and sources included; and to the ticket's card at the connector in the experts'
/// channel), relaying an answer (the expert's invoke to the answer at the connector in the asker's chat), and how soon
/// after its approval a published FAQ entry answers a paraphrase with a citation.
/// </summary>
internal static class ExpertsBenchmark
{
    private const string AdminObjectId = "0c1d2e3f-aaaa-4bbb-8ccc-000000000042";
    private const string ExpertsChannel = "19:bench-experts@thread.tacv2";
    private const string Tenant = "bench-tenant";

    private static readonly string[] Questions =
    [
        "How many GPU hours per month does a team get on the internal AI platform?",
        "Which vector database does the platform team recommend for a pilot?",
        "Can a contractor get a licence for the coding assistant?",
        "Who signs the data processing agreement for a new AI vendor?",
        "How long does the platform keep our fine-tuning datasets?",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = CommandLine.IntArg(args, "--tickets", 200);
        var data = Directory.CreateTempSubdirectory("adoptionbot-experts-bench-").FullName;
        try
        {
            await using var connector = await StandInConnector.StartAsync();
            using var bot = new BotServer(BotSettings.ForBenchmarks(data)
                .Admin(AdminObjectId)
                .With("RateLimit:MaxPerMinute", "0")
                .With("Delivery:PollInterval", "00:00:00.050")
                .With("Delivery:PerConversationPerSecond", "1000")
                .With("Delivery:PerConversationPerHour", "100000")
                .With("Delivery:PerTenantPerSecond", "10000"));
            await BotServices.StartAndWaitUntilReadyAsync(bot);
            using var client = new HttpClient { BaseAddress = bot.BaseAddress };

            var link = Message(connector.ServiceUrl, "link-experts", "<at>AdoptionBot</at> link experts", AdminObjectId, "29:bench-admin", channel: true);
            await PostAsync(client, link);
            await connector.WaitForAsync(a => a.ReplyToId == "link-experts" && a.Text.Contains("experts' channel", StringComparison.Ordinal));

            var open = new List<double>();
            var posted = new List<double>();
            var answer = new List<double>();
            var relay = new List<double>();
            for (var i = -10; i < tickets; i++)
            {
                var asker = $"6a3c1f0e-0000-4000-8000-{i + 10:D12}";
                var question = Questions[(i + 10) % Questions.Length];

                // The asker asked the bot first, in their 1:1 chat (that answer carries the button): the bot knows the chat.
                var asked = $"asked-{i + 10}";
                await PostAsync(client, Message(connector.ServiceUrl, asked, question, asker, $"29:bench-asker-{i + 10}"));
                await connector.WaitForAsync(a => a.ReplyToId == asked);
                var ask = Invoke(connector.ServiceUrl, ExpertCards.AskVerb, new JsonObject
                {
                    ["question"] = question,
                    ["origin"] = TicketOrigins.NotCovered,
                    ["requestId"] = Guid.NewGuid().ToString("N"),
                    [ExpertCards.ShowNameInput] = "true",
                }, asker, $"29:bench-asker-{i + 10}");
                // Arrivals are timed by the connector as they come (ReceivedAt), not by the scan that finds them afterwards.
                var startedAt = DateTimeOffset.UtcNow;
                var started = Stopwatch.GetTimestamp();
                var body = await PostAsync(client, ask);
                var opened = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var ticketId = System.Text.RegularExpressions.Regex.Match(body, @"ASK-(\d{4,})");
                if (!ticketId.Success)
                {
                    throw new InvalidOperationException($"Ticket {i} was not opened: {body[..Math.Min(300, body.Length)]}");
                }

                var displayId = ticketId.Value;
                var card = (await connector.WaitForAsync(a => a.ConversationId == ExpertsChannel && !a.IsUpdate && a.Activity.ToJsonString().Contains(displayId, StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(30)))[^1];
                var toChannel = (card.ReceivedAt - startedAt).TotalMilliseconds;

                var press = Invoke(connector.ServiceUrl, ExpertCards.AnswerVerb, new JsonObject
                {
                    ["ticketId"] = int.Parse(ticketId.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    [ExpertCards.AnswerInput] = "The platform team answers this in the AI platform handbook, chapter 3.",
                }, "e2e2e2e2-0000-4000-8000-00000000e2e2", "29:bench-expert", inChannel: true);
                var answerStartedAt = DateTimeOffset.UtcNow;
                var answerStarted = Stopwatch.GetTimestamp();
                var answered = await PostAsync(client, press);
                var answerElapsed = Stopwatch.GetElapsedTime(answerStarted).TotalMilliseconds;
                if (!answered.Contains("Answered", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Ticket {displayId} was not answered: {answered[..Math.Min(300, answered.Length)]}");
                }

                var relayed = (await connector.WaitForAsync(a => a.Activity.ToJsonString().Contains($"answered your question ({displayId})", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(30)))[^1];
                var relayElapsed = (relayed.ReceivedAt - answerStartedAt).TotalMilliseconds;
                if (i >= 0)
                {
                    open.Add(opened);
                    posted.Add(toChannel);
                    answer.Add(answerElapsed);
                    relay.Add(relayElapsed);
                }
            }

            Console.WriteLine($"Ticket creation, ask invoke to the confirmation ({open.Count} tickets): p50 {CommandLine.Percentile(open, 50):F1} ms, p95 {CommandLine.Percentile(open, 95):F1} ms, max {open.Max():F1} ms");
            Console.WriteLine($"  ... to the ticket's card at the connector in the experts' channel: p50 {CommandLine.Percentile(posted, 50):F1} ms, p95 {CommandLine.Percentile(posted, 95):F1} ms");
            Console.WriteLine($"Answer, the expert's invoke to its response: p50 {CommandLine.Percentile(answer, 50):F1} ms, p95 {CommandLine.Percentile(answer, 95):F1} ms");
            Console.WriteLine($"Relay, the expert's invoke to the answer at the connector in the asker's chat: p50 {CommandLine.Percentile(relay, 50):F1} ms, p95 {CommandLine.Percentile(relay, 95):F1} ms, max {relay.Max():F1} ms");

            await FaqAsync(client, connector);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    /// <summary>From the approval of an FAQ entry to the first answer of a paraphrase that cites it, asked again and again.</summary>
    private static async Task FaqAsync(HttpClient client, StandInConnector connector)
    {
        var ticket = await PostAsync(client, Invoke(connector.ServiceUrl, ExpertCards.AskVerb, new JsonObject
        {
            ["question"] = "How many GPU hours per month does a team get on the internal AI platform (FAQ)?",
            ["origin"] = TicketOrigins.NotCovered,
            ["requestId"] = Guid.NewGuid().ToString("N"),
        }, "6a3c1f0e-0000-4000-8000-00000000faq0", "29:bench-faq-asker"));
        var id = int.Parse(System.Text.RegularExpressions.Regex.Match(ticket, @"ASK-(\d{4,})").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        const string answer = "Every team gets 200 GPU hours per month on the internal AI platform. A team that needs more asks the platform team through the AI platform request form.";
        await PostAsync(client, Invoke(connector.ServiceUrl, ExpertCards.AnswerVerb, new JsonObject { ["ticketId"] = id, [ExpertCards.AnswerInput] = answer }, "e2e2e2e2-0000-4000-8000-00000000e2e2", "29:bench-expert", inChannel: true));
        var proposed = await PostAsync(client, Invoke(connector.ServiceUrl, ExpertCards.PublishVerb, new JsonObject
        {
            ["ticketId"] = id,
            [ExpertCards.FaqQuestionInput] = "How many GPU hours does a team get on the internal AI platform?",
            [ExpertCards.FaqAnswerInput] = answer,
        }, "e2e2e2e2-0000-4000-8000-00000000e2e2", "29:bench-expert", inChannel: true));
        var faqId = int.Parse(System.Text.RegularExpressions.Regex.Match(proposed, @"FAQ-(\d{4,})").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var started = Stopwatch.GetTimestamp();
        var approved = await PostAsync(client, Invoke(connector.ServiceUrl, FaqCards.ApproveVerb, new JsonObject { ["faqId"] = faqId }, AdminObjectId, "29:bench-admin"));
        var approval = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!approved.Contains("is published", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The FAQ entry was not published: " + approved[..Math.Min(300, approved.Length)]);
        }

        for (var attempt = 0; ; attempt++)
        {
            var activityId = $"faq-paraphrase-{attempt}";
            await PostAsync(client, Message(connector.ServiceUrl, activityId, "What is the monthly GPU hour quota for a team on the internal AI platform?", "6a3c1f0e-0000-4000-8000-00000000faq1", "29:bench-faq-reader"));
            var reply = (await connector.WaitForAsync(a => a.ReplyToId == activityId))[^1];
            if (reply.Citations?.Any(c => c?["appearance"]?["name"]?.GetValue<string>() == "FAQ — How many GPU hours does a team get on the internal AI platform?") == true)
            {
                var cited = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine($"FAQ entry: approval invoke {approval:F0} ms (indexing included); approval to the first paraphrase answered from it with a citation: {cited:F2} s (attempt {attempt + 1})");
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException("The paraphrase was not answered from the FAQ entry within 60 s: " + reply.Text);
            }

            await Task.Delay(100);
        }
    }

    private static async Task<string> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The bot answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        }

        return body;
    }

    private static JsonObject Message(string serviceUrl, string id, string text, string objectId, string userId, bool channel = false)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Bench User", ["aadObjectId"] = objectId },
            ["recipient"] = new JsonObject { ["id"] = "28:adoptionbot", ["name"] = "AdoptionBot" },
            ["text"] = text,
            ["textFormat"] = "plain",
            ["locale"] = "en-US",
        };
        Place(message, channel, userId);
        if (channel)
        {
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>AdoptionBot</at>", ["mentioned"] = new JsonObject { ["id"] = "28:adoptionbot", ["name"] = "AdoptionBot" } });
        }

        return message;
    }

    private static JsonObject Invoke(string serviceUrl, string verb, JsonObject data, string objectId, string userId, bool inChannel = false)
    {
        data["verb"] = verb;
        var invoke = new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Bench User", ["aadObjectId"] = objectId },
            ["recipient"] = new JsonObject { ["id"] = "28:adoptionbot", ["name"] = "AdoptionBot" },
            ["replyToId"] = "card-message",
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" },
        };
        Place(invoke, inChannel, userId);
        return invoke;
    }

    private static void Place(JsonObject activity, bool channel, string userId)
    {
        activity["conversation"] = channel
            ? new JsonObject { ["id"] = ExpertsChannel + ";messageid=1", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = Tenant }
            : new JsonObject { ["id"] = "a:" + userId, ["conversationType"] = "personal", ["tenantId"] = Tenant };
        activity["channelData"] = channel
            ? new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = Tenant },
                ["channel"] = new JsonObject { ["id"] = ExpertsChannel, ["name"] = "Experts" },
                ["team"] = new JsonObject { ["id"] = "19:bench-team@thread.tacv2", ["name"] = "GenAI experts" },
            }
            : new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } };
    }
}
