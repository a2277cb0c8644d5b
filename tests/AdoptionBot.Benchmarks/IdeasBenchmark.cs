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
        var useCases = CommandLine.IntArg(args, "--use-cases", 5000);
        var data = Directory.CreateTempSubdirectory("adoptionbot-ideas-bench-").FullName;
        try
        {
            await using var connector = await StandInConnector.StartAsync();
            using var bot = new BotServer(BotSettings.ForBenchmarks(data).Admin(AdminObjectId).With("RateLimit:MaxPerMinute", "0"));
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

            await PortfolioAsync(bot, client, connector, useCases);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    /// <summary>
    /// The portfolio with <paramref name="useCases"/> use cases in the store (stages, assessments, screenings and ticks
    /// spread over them): triage, a gate check (a move refused with its open criteria), the register and its paging,
    /// each through /api/messages, and the export of the whole portfolio as a workbook.
    /// </summary>
    private static async Task PortfolioAsync(BotServer bot, HttpClient client, StandInConnector connector, int useCases)
    {
        var seeded = await SeedPortfolioAsync(bot.Services, useCases);
        var total = await bot.Services.GetRequiredService<IdeaService>().CountAsync(CancellationToken.None);
        var triage = new List<double>();
        var gate = new List<double>();
        var register = new List<double>();
        var registerPaging = new List<double>();
        for (var i = -5; i < 100; i++)
        {
            var turns = new[] { ("triage", triage), ("register", register) };
            foreach (var (command, samples) in turns)
            {
                var activityId = $"{command}-{i + 5}";
                var json = System.Text.Json.JsonSerializer.SerializeToNode(Benchmark.TeamsMessage(connector.ServiceUrl, activityId, command))!.AsObject();
                json["from"]!["aadObjectId"] = AdminObjectId;
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/api/messages", json);
                await connector.WaitForAsync(a => a.ReplyToId == activityId);
                if (i >= 0)
                {
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            var atAssessment = seeded[(i + 5) % seeded.Count];
            var move = Invoke(connector.ServiceUrl, new JsonObject { ["verb"] = IdeaCards.SetStatusVerb, ["ideaId"] = Idea.FormatId(atAssessment), ["status"] = "poc" }, IdeaCards.SetStatusVerb);
            var moveStarted = Stopwatch.GetTimestamp();
            using (var moved = await client.PostAsJsonAsync("/api/messages", move))
            {
                var body = await moved.Content.ReadAsStringAsync();
                if (!body.Contains("cannot move to Proof of concept yet", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("A gate check did not return the open criteria: " + body[..Math.Min(300, body.Length)]);
                }
            }

            var moveElapsed = Stopwatch.GetElapsedTime(moveStarted).TotalMilliseconds;
            var page = Invoke(connector.ServiceUrl, new JsonObject { ["verb"] = "register.page", ["page"] = 100 + (i % 200) }, "register.page");
            var pageStarted = Stopwatch.GetTimestamp();
            using (await client.PostAsJsonAsync("/api/messages", page))
            {
            }

            if (i >= 0)
            {
                gate.Add(moveElapsed);
                registerPaging.Add(Stopwatch.GetElapsedTime(pageStarted).TotalMilliseconds);
            }
        }

        Console.WriteLine($"Portfolio of {total} use cases (100 runs each):");
        Console.WriteLine($"  triage, message to card at the connector: p50 {CommandLine.Percentile(triage, 50):F1} ms, p95 {CommandLine.Percentile(triage, 95):F1} ms");
        Console.WriteLine($"  gate check, a move refused with its open criteria (invoke): p50 {CommandLine.Percentile(gate, 50):F1} ms, p95 {CommandLine.Percentile(gate, 95):F1} ms");
        Console.WriteLine($"  register, message to card at the connector: p50 {CommandLine.Percentile(register, 50):F1} ms, p95 {CommandLine.Percentile(register, 95):F1} ms");
        Console.WriteLine($"  register paging invoke (pages 100-299): p50 {CommandLine.Percentile(registerPaging, 50):F1} ms, p95 {CommandLine.Percentile(registerPaging, 95):F1} ms");

        var exchange = bot.Services.GetRequiredService<AdoptionBot.Ideas.Portfolio.PortfolioExchange>();
        var exports = new List<double>();
        var size = 0;
        for (var i = -1; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            size = (await exchange.ExportAsync(CancellationToken.None)).Length;
            if (i >= 0)
            {
                exports.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine($"  export of the whole portfolio as a workbook ({size / 1024} KiB, 5 runs): median {CommandLine.Percentile(exports, 50):F0} ms, max {exports.Max():F0} ms");
    }

    /// <summary>Adds use cases straight to the store: a fifth in each of submitted, assessment (assessed, some screened and ticked), PoC, pilot, parked. Returns the ids of those at assessment.</summary>
    internal static async Task<List<int>> SeedPortfolioAsync(IServiceProvider services, int count)
    {
        var contexts = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AdoptionBot.Storage.AdoptionBotDbContext>>();
        string[] stages = ["submitted", "assessment", "poc", "pilot", "parked"];
        var now = DateTime.UtcNow;
        var atAssessment = new List<int>();
        for (var batch = 0; batch < count; batch += 1000)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var ideas = Enumerable.Range(batch, Math.Min(1000, count - batch)).Select(i => new Idea
            {
                FormId = $"bench-portfolio-{i}",
                ExternalRef = $"BX-{i + 1}",
                Origin = i % 5 == 0 ? IdeaOrigins.Teams : IdeaOrigins.Workbook,
                Title = $"Portfolio use case {i}: {Topics[i % Topics.Length]}",
                Problem = $"Colleagues spend hours on {Topics[i % Topics.Length]}; use case number {i} of the benchmark portfolio.",
                BusinessUnit = Units[i % Units.Length],
                DataClassification = "internal",
                PersonalData = i % 3 == 0,
                Status = stages[i % stages.Length],
                Published = i % 5 >= 2,
                ParkedReason = i % 5 == 4 ? "Data not available yet." : null,
                SubmitterName = "Bench User",
                OwnerName = $"Owner {i % 97}",
                AiActClass = (i % 7) switch { 0 => "high-risk", 1 => "limited", 2 => "minimal", _ => null },
                AiActReason = i % 7 == 0 ? "Annex III: employment" : null,
                Score = i % 5 == 1 ? 1 + (i % 25) : null,
                CreatedAtUtc = now.AddDays(-(i % 400)),
                UpdatedAtUtc = now,
                StageEnteredAtUtc = now.AddDays(-(i % 90)),
                Version = 1,
            }).ToList();
            db.AddRange(ideas);
            await db.SaveChangesAsync();
            foreach (var idea in ideas.Where(x => x.Status == "assessment"))
            {
                atAssessment.Add(idea.Id);
                db.Add(new AdoptionBot.Ideas.Portfolio.Assessment { IdeaId = idea.Id, Value = 4, ValueRationale = "Hours saved.", Feasibility = 3, FeasibilityRationale = "Data available.", DataAvailability = "available", ReuseCheck = "Nothing to reuse.", SuccessCriteria = "Half the time.", AssessorName = "Bench Office", AssessedAtUtc = now });
                if (idea.Id % 2 == 0)
                {
                    db.Add(new AdoptionBot.Ideas.Portfolio.GateTick { IdeaId = idea.Id, Stage = "poc", Criterion = "data-protection-precheck", TickedByName = "Bench Office", TickedAtUtc = now });
                }
            }

            await db.SaveChangesAsync();
        }

        return atAssessment;
    }

    private static readonly string[] Units = ["After Sales", "Purchasing", "Production", "Sales"];

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
