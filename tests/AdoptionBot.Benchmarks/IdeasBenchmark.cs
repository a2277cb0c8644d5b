using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdoptionBot.BusinessUnits;
using AdoptionBot.Ideas;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// Idea intake and triage through /api/messages on the sample knowledge base: submitting the form end to end
/// (adaptiveCard/action invoke to the confirmation card in the invoke response, similar-use-case search included),
/// and "triage" with many open ideas (message to the card reaching the stand-in connector), plus paging.
/// </summary>
internal static class IdeasBenchmark
{
    private const string AdminObjectId = "0c1d2e3f-aaaa-4bbb-8ccc-000000000042";

    public static async Task<int> RunAsync(string[] args)
    {
        var submissions = CommandLine.IntArg(args, "--submissions", 300);
        var openIdeas = CommandLine.IntArg(args, "--open", 1000);
        var data = Directory.CreateTempSubdirectory("adoptionbot-ideas-bench-").FullName;
        try
        {
            await using var connector = await StandInConnector.StartAsync();
            using var bot = new BotServer(BotSettings.ForBenchmarks(data).Admin(AdminObjectId));
            await BotServices.StartAndWaitUntilReadyAsync(bot);

            using var client = new HttpClient { BaseAddress = bot.BaseAddress };
            var units = await bot.Services.GetRequiredService<BusinessUnitDirectory>().ListAsync(CancellationToken.None);

            var submit = new List<double>();
            for (var i = -10; i < submissions; i++)
            {
                var formId = await bot.Services.GetRequiredService<IdeaService>().IssueFormAsync(new Actor(AdminObjectId, "Bench User", "29:bench-user"), CancellationToken.None);
                var invoke = Invoke(connector.ServiceUrl, SubmissionData(formId, $"Idea {i}: summarise {Topics[(i + 10) % Topics.Length]}", Topics[(i + 10) % Topics.Length], units[(i + 10) % units.Count]));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/api/messages", invoke);
                var body = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || !body.Contains("IDEA-", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Submission {i} did not return a confirmation: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                }

                if (i >= 0)
                {
                    submit.Add(elapsed);
                }
            }

            Console.WriteLine($"Idea submission, invoke to confirmation card ({submit.Count} submissions): p50 {CommandLine.Percentile(submit, 50):F1} ms, p95 {CommandLine.Percentile(submit, 95):F1} ms, max {submit.Max():F1} ms");

            await SeedOpenIdeasAsync(bot.Services, units, openIdeas - submissions - 10);
            var triage = new List<double>();
            var paging = new List<double>();
            for (var i = -5; i < 100; i++)
            {
                var activityId = "triage-" + (i + 5).ToString(CultureInfo.InvariantCulture);
                var message = Benchmark.TeamsMessage(connector.ServiceUrl, activityId, "triage");
                var json = System.Text.Json.JsonSerializer.SerializeToNode(message)!.AsObject();
                json["from"]!["aadObjectId"] = AdminObjectId;
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/api/messages", json);
                await connector.WaitForAsync(a => a.ReplyToId == activityId);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var page = Invoke(connector.ServiceUrl, new JsonObject { ["verb"] = IdeaCards.TriagePageVerb, ["page"] = 50 + (i % 50) }, IdeaCards.TriagePageVerb);
                var pageStarted = Stopwatch.GetTimestamp();
                using var pageResponse = await client.PostAsJsonAsync("/api/messages", page);
                var pageBody = await pageResponse.Content.ReadAsStringAsync();
                var pageElapsed = Stopwatch.GetElapsedTime(pageStarted).TotalMilliseconds;
                if (!pageBody.Contains("open ideas, oldest first", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("A triage page invoke did not return the triage card: " + pageBody[..Math.Min(300, pageBody.Length)]);
                }
                if (i >= 0)
                {
                    triage.Add(elapsed);
                    paging.Add(pageElapsed);
                }
            }

            var (_, total) = await bot.Services.GetRequiredService<IdeaService>().ListOpenAsync(0, 1, CancellationToken.None);
            Console.WriteLine($"Triage with {total} open ideas, message to first card at the connector (100 runs): p50 {CommandLine.Percentile(triage, 50):F1} ms, p95 {CommandLine.Percentile(triage, 95):F1} ms");
            Console.WriteLine($"Triage paging invoke (pages 50-99, 100 runs): p50 {CommandLine.Percentile(paging, 50):F1} ms, p95 {CommandLine.Percentile(paging, 95):F1} ms");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    /// <summary>What the benchmarks' ideas are about.</summary>
    internal static readonly string[] Topics = ["supplier audit reports", "warranty claims", "shift books", "customs papers", "service manuals", "customer e-mails", "test reports", "contracts"];

    private static async Task SeedOpenIdeasAsync(IServiceProvider services, IReadOnlyList<string> units, int count)
    {
        var ideas = services.GetRequiredService<IdeaService>();
        var actor = new Actor("seed-user", "Seed User", "29:seed");
        for (var i = 0; i < count; i++)
        {
            var formId = await ideas.IssueFormAsync(actor, CancellationToken.None);
            var submission = new IdeaSubmission(formId, $"Seeded idea {i}", $"Problem statement number {i} about {Topics[i % Topics.Length]}.", "", units[i % units.Count], "", "internal", false);
            await ideas.SubmitAsync(submission, actor, units, CancellationToken.None);
        }
    }

    /// <summary>The idea form's fields as its submit button sends them.</summary>
    internal static JsonObject SubmissionData(string formId, string title, string problemTopic, string businessUnit) => new()
    {
        ["verb"] = IdeaCards.SubmitVerb,
        ["formId"] = formId,
        ["title"] = title,
        ["problem"] = $"Colleagues spend hours reading {problemTopic} to find what matters for their decisions.",
        ["businessUnit"] = businessUnit,
        ["dataClassification"] = "internal",
        ["personalData"] = "false",
    };

    private static JsonObject Invoke(string serviceUrl, JsonObject data, string verb = IdeaCards.SubmitVerb) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:bench-user", ["name"] = "Bench User", ["aadObjectId"] = AdminObjectId },
        ["conversation"] = new JsonObject { ["id"] = "a:bench-ideas", ["conversationType"] = "personal", ["tenantId"] = "bench-tenant" },
        ["recipient"] = new JsonObject { ["id"] = "28:adoptionbot", ["name"] = "AdoptionBot" },
        ["replyToId"] = "card-message",
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" },
    };

}
