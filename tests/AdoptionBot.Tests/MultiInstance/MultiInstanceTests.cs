using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Digest;
using AdoptionBot.Ideas;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AdoptionBot.Tests.MultiInstance;

/// <summary>The multi-instance tests start several bots each: they run alone, not beside other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiInstanceCollection
{
    public const string Name = "Multi-instance";
}

/// <summary>
/// Two bot instances on one store and one stand-in Bot Connector, driven through /api/messages: what an operations
/// team running several instances relies on. Each test gets a new database of the provider.
/// </summary>
[Collection(MultiInstanceCollection.Name)]
public abstract partial class MultiInstanceTests<TStore>(ITestOutputHelper output) : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string AdminConversation = "a:portfolioAdminConversation0001";
    private static readonly string[] Units = [.. Enumerable.Range(1, 10).Select(i => $"Unit {i:D2}")];
    private static readonly string[] Moves = [PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot, PipelineStages.Rollout];

    private TStore _store = null!;

    public async Task InitializeAsync() => _store = await StoreFixture.CreateAsync<TStore>();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>
    /// 100 channels linked to ten business units, 50 ideas moved four times each (200 status changes) with every move
    /// on the other instance than the one before, `digest send` on both instances at once and the scheduled publish on
    /// both at once: every status card, 1:1 notice and digest reaches the connector exactly once.
    /// </summary>
    [StoreFact]
    public async Task StatusChangesAndDigestsOnBothInstances_ReachEveryRecipientExactlyOnce()
    {
        await using var connector = await StandInConnector.StartAsync();
        var instances = new[] { new BotTestHost(InstanceSettings(_store), connector), new BotTestHost(InstanceSettings(_store), connector) };
        try
        {
            await Task.WhenAll(instances.Select(i => i.InitializeAsync()));

            var channels = Enumerable.Range(0, 100).Select(i => $"19:multi-{i:D3}@thread.tacv2").ToList();
            await Parallel.ForEachAsync(Enumerable.Range(0, channels.Count), Degree(4), async (i, _) =>
            {
                var instance = instances[i % 2];
                var unit = Units[i % Units.Length];
                var reply = await instance.AskAsync(AsPortfolioTeam(instance.ChannelMessage("link " + unit, channels[i], TeamOf(connector, i), $"Team {i}")));
                Assert.Contains($"follows **{unit}**", reply.Text, StringComparison.Ordinal);
            });

            var ideaIds = new ConcurrentBag<int>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 50), Degree(4), async (i, _) =>
                ideaIds.Add(await SubmitAsync(instances[i % 2], await instances[(i + 1) % 2].NewIdeaFormAsync(), Units[i % Units.Length], $"Idea {i}")));

            await Parallel.ForEachAsync(ideaIds, Degree(6), async (id, _) =>
            {
                for (var step = 0; step < Moves.Length; step++)
                {
                    var body = await instances[(id + step) % 2].PressAndReadAsync(new JsonObject
                    {
                        ["verb"] = IdeaCards.SetStatusVerb,
                        ["ideaId"] = Idea.FormatId(id),
                        ["status"] = Moves[step],
                        ["version"] = step + 1,
                    }, admin: true);
                    Assert.Contains(PipelineStages.DisplayName(Moves[step]), body, StringComparison.Ordinal);
                }
            });

            // The portfolio team member chats with the bot 1:1, so the company-wide digest goes to them as well.
            await instances[0].AskAsync(AdminMessage(instances[0], "help"));
            var sendReplies = await Task.WhenAll(instances.Select(i => i.AskAsync(AdminMessage(i, "digest send"))));
            var schedulers = instances.Select(i => i.Services.GetRequiredService<DigestScheduler>()).ToList();
            var occurrence = schedulers[0].LastOccurrence(TimeProvider.System.GetUtcNow())!.Value;
            var scheduled = await Task.WhenAll(schedulers.Select(s => s.PublishForOccurrenceAsync(occurrence, CancellationToken.None)));

            const int DigestRecipients = 100 + 1;
            const int Expected = (200 * 10) + 200 + (2 * DigestRecipients);
            var rows = await WaitUntilSentAsync(_store, Expected, TimeSpan.FromMinutes(4));
            await Task.Delay(TimeSpan.FromSeconds(1)); // a duplicate would arrive in this time

            Assert.Equal(DigestRecipients, sendReplies.Sum(r => RecipientsIn(r.Text)));
            Assert.Equal(DigestRecipients, scheduled.Sum());
            Assert.Equal(200 * 10, rows.Count(r => r.Kind == "statusUpdate"));
            Assert.Equal(200, rows.Count(r => r.Kind == "notice"));
            Assert.Equal(2 * DigestRecipients, rows.Count(r => r.Kind == "digest"));
            Assert.All(rows, r => Assert.Equal(OutboxStatuses.Sent, r.Status));
            var turns = TurnIds(instances);
            var ledger = DeliveryLedger.Of(rows, connector.Sent, turns);
            Assert.True(ledger.Missing.Count + ledger.Duplicated.Count + ledger.Unexpected.Count == 0, ledger.Describe());
            Assert.Equal(Expected, DeliveryLedger.Proactive(connector.Sent, turns).Count());
            await using var db = await _store.Factory.CreateDbContextAsync();
            Assert.Equal(50, await db.Ideas.CountAsync(i => i.Status == PipelineStages.Rollout && i.Version == 5));
            output.WriteLine($"{Expected} messages, each received once; digest send added {string.Join(" + ", sendReplies.Select(r => RecipientsIn(r.Text)))}, the scheduled publish {string.Join(" + ", scheduled)}.");
        }
        finally
        {
            await Task.WhenAll(instances.Select(i => i.DisposeAsync()));
        }
    }

    /// <summary>
    /// One instance is a separate process, killed (SIGKILL) while its calls to a slow connector are in flight and it
    /// holds leases on outbox rows; the other instance sends those rows once the leases run out. A row the killed
    /// instance had already handed to the connector but not yet marked sent is sent again: the outbox delivers at
    /// least once at the connector boundary, and the test asserts that exactly those rows arrive twice and no other.
    /// </summary>
    [StoreFact]
    public async Task AnInstanceKilledMidDelivery_TheOtherSendsTheRest()
    {
        const int LeaseSeconds = 5;
        await using var connector = await StandInConnector.StartAsync();
        var settings = InstanceSettings(_store, LeaseSeconds);
        settings["Delivery:BatchSize"] = "20";
        var survivor = new BotTestHost(settings, connector);
        try
        {
            await survivor.InitializeAsync();
            await using var doomed = BotProcess.Start(settings);
            await doomed.WaitUntilReadyAsync();

            var ideas = await LinkChannelsAndSubmitIdeasAsync(survivor, connector, "kill");

            // Every answer now takes a second: both instances hold leased rows with calls in flight.
            connector.AnswerDelay = TimeSpan.FromSeconds(1);
            foreach (var id in ideas)
            {
                var moved = await survivor.PressAndReadAsync(new JsonObject { ["verb"] = IdeaCards.SetStatusVerb, ["ideaId"] = Idea.FormatId(id), ["status"] = PipelineStages.Assessment, ["version"] = 1 }, admin: true);
                Assert.Contains(PipelineStages.DisplayName(PipelineStages.Assessment), moved, StringComparison.Ordinal);
            }

            var doomedOwner = $":{doomed.ProcessId}:";
            await Poll.UntilAsync(
                async () => await CountAsync(_store, o => o.Status == OutboxStatuses.Pending && o.LeaseOwner!.Contains(doomedOwner)) > 0 && DeliveryLedger.Proactive(connector.Sent, TurnIds(survivor)).Count() >= 20,
                TimeSpan.FromSeconds(60),
                () => $"the second instance (process {doomed.ProcessId}) to claim outbox rows; lease owners: {string.Join(", ", LeaseOwnersAsync(_store).Result)}; {DeliveryLedger.Proactive(connector.Sent, TurnIds(survivor)).Count()} arrivals. Its output:\n{doomed.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(700)); // its calls are now waiting for the connector's answer

            doomed.Kill();
            var held = await LeasedIdsAsync(_store, doomedOwner);
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // anything it wrote before it died has reached the connector
            var arrivedBeforeKill = connector.Sent.ToList();
            connector.AnswerDelay = TimeSpan.Zero;

            const int Expected = (8 * 30) + 8;
            var rows = await WaitUntilSentAsync(_store, Expected, TimeSpan.FromSeconds(90));
            await Task.Delay(TimeSpan.FromSeconds(1));

            Assert.NotEmpty(held);
            Assert.All(rows, r => Assert.Equal(OutboxStatuses.Sent, r.Status));
            var turns = TurnIds(survivor);
            var ledger = DeliveryLedger.Of(rows, connector.Sent, turns);
            Assert.True(ledger.Missing.Count + ledger.Unexpected.Count == 0, ledger.Describe());
            var before = DeliveryLedger.Of(rows, arrivedBeforeKill, turns);
            var inFlightAtKill = held.Where(id => before.ArrivalsByKey.ContainsKey(ledger.KeyOf(rows.Single(r => r.Id == id)))).Order().ToList();
            Assert.Equal(inFlightAtKill, ledger.Duplicated.Keys.Order().ToList());
            Assert.All(ledger.Duplicated.Values, arrivals => Assert.Equal(2, arrivals));
            output.WriteLine(
                $"Killed instance held {held.Count} leased rows; {inFlightAtKill.Count} of them had reached the connector without the answer getting back, "
                + $"and were sent again by the other instance: {ledger.Duplicated.Count} duplicates of {Expected} messages, none lost.");
        }
        finally
        {
            await survivor.DisposeAsync();
        }
    }

    /// <summary>
    /// An instance stopped normally (a restart during working hours) while its calls to a slow connector are in flight
    /// and it holds leases: it finishes those calls and gives back the rows it had not started, so the other instance
    /// sends them at its next poll, long before the leases (the default 300 s) would run out, and nothing arrives twice.
    /// </summary>
    [StoreFact]
    public async Task AnInstanceStoppedMidDelivery_HandsItsRowsToTheOtherAtOnceWithoutDuplicates()
    {
        await using var connector = await StandInConnector.StartAsync();
        var settings = InstanceSettings(_store);
        settings["Delivery:BatchSize"] = "20";
        var survivor = new BotTestHost(settings, connector);
        var restarted = new BotTestHost(settings, connector);
        try
        {
            await Task.WhenAll(survivor.InitializeAsync(), restarted.InitializeAsync());
            var ideas = await LinkChannelsAndSubmitIdeasAsync(survivor, connector, "restart");

            connector.AnswerDelay = TimeSpan.FromSeconds(1);
            foreach (var id in ideas)
            {
                await restarted.PressAndReadAsync(new JsonObject { ["verb"] = IdeaCards.SetStatusVerb, ["ideaId"] = Idea.FormatId(id), ["status"] = PipelineStages.Assessment, ["version"] = 1 }, admin: true);
            }

            var owner = restarted.Services.GetRequiredService<OutboxSender>().InstanceId;
            await Poll.UntilAsync(
                async () => await CountAsync(_store, o => o.Status == OutboxStatuses.Pending && o.LeaseOwner == owner) > 0,
                TimeSpan.FromSeconds(60),
                () => "the instance to be restarted to claim outbox rows");
            await Task.Delay(TimeSpan.FromMilliseconds(500));

            var stopping = System.Diagnostics.Stopwatch.StartNew();
            await restarted.DisposeAsync();
            var stopTime = stopping.Elapsed;
            var leftLeased = await CountAsync(_store, o => o.Status == OutboxStatuses.Pending && o.LeaseOwner == owner);
            connector.AnswerDelay = TimeSpan.Zero;

            const int Expected = (8 * 30) + 8;
            // Well before the leases (300 s) could run out: only rows given back can be sent this soon.
            var rows = await WaitUntilSentAsync(_store, Expected, TimeSpan.FromSeconds(60));
            var handedOver = stopping.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(1));

            Assert.Equal(0, leftLeased);
            Assert.All(rows, r => Assert.Equal(OutboxStatuses.Sent, r.Status));
            var ledger = DeliveryLedger.Of(rows, connector.Sent, TurnIds(survivor, restarted));
            Assert.True(ledger.Missing.Count + ledger.Duplicated.Count + ledger.Unexpected.Count == 0, ledger.Describe());
            output.WriteLine($"Stopping took {stopTime.TotalSeconds:F1} s; all {Expected} messages sent {handedOver.TotalSeconds:F1} s after the stop began, each once.");
        }
        finally
        {
            await survivor.DisposeAsync();
            await restarted.DisposeAsync();
        }
    }

    /// <summary>
    /// 50 ideas submitted at the same moment, every other one to the other instance: 50 ideas with 50 distinct ids.
    /// They are contiguous because no insert fails here; on PostgreSQL an insert that fails or rolls back (two clicks
    /// on one form racing) still uses up its sequence value, so ids are then distinct and never reused, with gaps.
    /// </summary>
    [StoreFact]
    public async Task FiftyConcurrentSubmissionsOnBothInstances_GetFiftyDistinctIds()
    {
        await using var connector = await StandInConnector.StartAsync();
        var instances = new[] { new BotTestHost(InstanceSettings(_store), connector), new BotTestHost(InstanceSettings(_store), connector) };
        try
        {
            await Task.WhenAll(instances.Select(i => i.InitializeAsync()));
            var forms = new List<string>();
            for (var i = 0; i < 50; i++)
            {
                forms.Add(await instances[i % 2].NewIdeaFormAsync());
            }

            using var start = new SemaphoreSlim(0);
            var submissions = forms.Select(async (form, i) =>
            {
                await start.WaitAsync();
                return await SubmitAsync(instances[i % 2], form, Units[i % Units.Length], $"Concurrent idea {i}");
            }).ToList();
            start.Release(forms.Count);
            var ids = await Task.WhenAll(submissions);

            Assert.Equal(50, ids.Distinct().Count());
            Assert.Equal(Enumerable.Range(ids.Min(), 50), ids.Order());
            await using var db = await _store.Factory.CreateDbContextAsync();
            Assert.Equal(ids.Order(), await db.Ideas.Where(i => i.Origin == IdeaOrigins.Teams).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        }
        finally
        {
            await Task.WhenAll(instances.Select(i => i.DisposeAsync()));
        }
    }

    /// <summary>Two instances started at the same moment on an empty database: both take traffic, every migration is applied once.</summary>
    [StoreFact]
    public async Task TwoInstancesStartingTogetherOnAnEmptyDatabase_BothStartAndMigrateItOnce()
    {
        var empty = await _store.CreateEmptyDatabaseAsync();
        await using var db = empty.CreateDbContext();
        var settings = InstanceSettings(_store);
        settings["ConnectionStrings:AdoptionBot"] = db.Database.GetConnectionString();
        await using var first = BotProcess.Start(settings);
        await using var second = BotProcess.Start(settings);

        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        foreach (var instance in new[] { first, second })
        {
            Assert.False(instance.HasExited);
            Assert.DoesNotContain("fail:", instance.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", instance.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Settings of one instance: the shared store, quick polling and retries, Teams' limits raised so the store sets the pace.</summary>
    private static Dictionary<string, string?> InstanceSettings(IStoreFixture store, int leaseSeconds = 300)
    {
        var settings = new Dictionary<string, string?>(store.BotSettings)
        {
            ["Delivery:PollInterval"] = "00:00:00.200",
            ["Delivery:BatchSize"] = "25",
            ["Delivery:LeaseSeconds"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
            // A call and a wait between calls stay under half the lease (the settings are validated so).
            ["Delivery:ConnectorTimeoutSeconds"] = Math.Min(30, (leaseSeconds - 1) / 2).ToString(CultureInfo.InvariantCulture),
            ["Delivery:MaxRetryAfterSeconds"] = Math.Min(60, (leaseSeconds - 1) / 2).ToString(CultureInfo.InvariantCulture),
            ["Delivery:BackoffBase"] = "00:00:00.050",
            ["Delivery:MaxRowDelay"] = "00:00:01",
            ["Delivery:PerTenantPerSecond"] = "10000",
            ["Delivery:PerConversationPerSecond"] = "1000",
            ["Delivery:PerConversationPerHour"] = "100000",
        };
        for (var i = 0; i < Units.Length; i++)
        {
            settings[$"Portfolio:BusinessUnits:{i}"] = Units[i];
        }

        return settings;
    }


    /// <summary>A team the connector knows, as Teams would (the link command asks for its details).</summary>
    private static string TeamOf(StandInConnector connector, int i)
    {
        var teamId = $"19:team-{i:D3}@thread.tacv2";
        connector.AddTeam(teamId, $"Team {i}", $"00000000-0000-4000-8000-{i:D12}");
        return teamId;
    }

    private static HashSet<string> TurnIds(params BotTestHost[] instances) => [.. instances.SelectMany(i => i.PostedActivityIds)];

    private static ParallelOptions Degree(int degree) => new() { MaxDegreeOfParallelism = degree };

    /// <summary>Links 30 channels to the first business unit through <paramref name="via"/> and submits 8 ideas for it; returns their ids.</summary>
    /// <summary>The portfolio team sends it: linking a channel to any unit is theirs.</summary>
    private static JsonObject AsPortfolioTeam(JsonObject activity)
    {
        activity["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        return activity;
    }

    private static async Task<List<int>> LinkChannelsAndSubmitIdeasAsync(BotTestHost via, StandInConnector connector, string channelPrefix)
    {
        var unit = Units[0];
        for (var i = 0; i < 30; i++)
        {
            await via.AskAsync(AsPortfolioTeam(via.ChannelMessage("link " + unit, $"19:{channelPrefix}-{i:D2}@thread.tacv2", TeamOf(connector, i), $"Team {i}")));
        }

        var ideas = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            ideas.Add(await SubmitAsync(via, await via.NewIdeaFormAsync(), unit, $"Idea {i}"));
        }

        return ideas;
    }

    private static async Task<int> SubmitAsync(BotTestHost instance, string formId, string unit, string title)
    {
        var body = await instance.PressAndReadAsync(BotTestHost.IdeaSubmission(formId, title, unit));
        var match = BotTestHost.IdeaId().Match(body);
        Assert.True(match.Success, "No idea id in the confirmation: " + body);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static JsonObject AdminMessage(BotTestHost instance, string text) =>
        instance.Activity("personal-message.json", a =>
        {
            a["text"] = text;
            a["from"] = new JsonObject { ["id"] = "29:portfolioAdmin0001", ["name"] = "Portfolio Admin", ["aadObjectId"] = BotTestHost.AdminObjectId };
            a["conversation"]!["id"] = AdminConversation;
        });

    /// <summary>The number in "on its way to N recipients"; 0 for "already sent".</summary>
    private static int RecipientsIn(string reply) =>
        RecipientsPattern().Match(reply) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static Task<int> CountAsync(IStoreFixture store, System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> match) =>
        store.Factory.QueryAsync(db => db.Outbox.CountAsync(match));

    private static Task<List<string>> LeaseOwnersAsync(IStoreFixture store) =>
        store.Factory.QueryAsync(db => db.Outbox.Select(o => o.Status + " " + (o.LeaseOwner ?? "-")).Distinct().ToListAsync());

    private static Task<List<long>> LeasedIdsAsync(IStoreFixture store, string owner) =>
        store.Factory.QueryAsync(db => db.Outbox.Where(o => o.Status == OutboxStatuses.Pending && o.LeaseOwner!.Contains(owner)).Select(o => o.Id).ToListAsync());

    /// <summary>Waits until <paramref name="expected"/> rows exist and none is pending; returns them.</summary>
    private static async Task<List<OutboxMessage>> WaitUntilSentAsync(IStoreFixture store, int expected, TimeSpan timeout)
    {
        List<OutboxMessage> rows = [];
        await Poll.UntilAsync(
            async () =>
            {
                await using var db = await store.Factory.CreateDbContextAsync();
                rows = await db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
                return rows.Count >= expected && rows.All(r => r.Status != OutboxStatuses.Pending);
            },
            timeout,
            () => $"{expected} outbox rows to be sent; {rows.Count} rows, {rows.Count(r => r.Status == OutboxStatuses.Pending)} pending, {rows.Count(r => r.Status == OutboxStatuses.Failed)} failed");
        return rows;
    }

    [GeneratedRegex(@"on its way to (\d+) recipient")]
    private static partial Regex RecipientsPattern();
}

public sealed class SqliteMultiInstanceTests(ITestOutputHelper output) : MultiInstanceTests<SqliteStoreFixture>(output);

public sealed class PostgreSqlMultiInstanceTests(ITestOutputHelper output) : MultiInstanceTests<PostgreSqlStoreFixture>(output);
