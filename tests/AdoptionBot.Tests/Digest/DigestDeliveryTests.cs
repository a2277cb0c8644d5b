using System.Text.Json.Nodes;
using AdoptionBot.Delivery;
using AdoptionBot.Digest;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Digest;

/// <summary>The weekly digest reaches each linked channel exactly once per week, through the outbox.</summary>
public sealed class DigestDeliveryTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Fact]
    public async Task ScheduledOccurrencePublishedTwice_TheChannelGetsTheDigestOnce()
    {
        var channel = "19:digest-sched-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(host.ChannelMessage("link Purchasing", channel));
        var scheduler = host.Services.GetRequiredService<DigestScheduler>();
        var occurrence = scheduler.LastOccurrence(DateTimeOffset.UtcNow)!.Value;

        await scheduler.PublishForOccurrenceAsync(occurrence, CancellationToken.None); // e.g. the catch-up at start-up
        await scheduler.PublishForOccurrenceAsync(occurrence, CancellationToken.None); // and the same week again: a restart, a second instance

        var delivered = await host.Connector.WaitForAsync(a => a.ConversationId == channel && a.Activity.ToJsonString().Contains("Weekly adoption digest", StringComparison.Ordinal));
        await Task.Delay(500);
        Assert.Single(host.Connector.Sent, a => a.ConversationId == channel && a.Activity.ToJsonString().Contains("Weekly adoption digest", StringComparison.Ordinal));
        Assert.Contains("Purchasing", delivered[0].Activity.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryStoreAsync(db => db.Outbox.CountAsync(o => o.Kind == "digest" && o.ConversationId == channel)));
    }

    [Fact]
    public async Task DigestSend_ByThePortfolioTeam_SendsThisWeeksDigestOnce_ThenSaysItWasSent()
    {
        var channel = "19:digest-send-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(host.ChannelMessage("link After Sales", channel));

        var first = await host.AskAsync(AdminMessage("digest send"));
        var second = await host.AskAsync(AdminMessage("digest send"));

        Assert.Contains("on its way", first.Text, StringComparison.Ordinal);
        Assert.Contains("already sent", second.Text, StringComparison.Ordinal);
        await host.Connector.WaitForAsync(a => a.ConversationId == channel && a.Activity.ToJsonString().Contains("Weekly adoption digest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DigestSend_BySomeoneElse_IsRefused()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "digest send"));

        Assert.Contains("Only the portfolio team", reply.Text, StringComparison.Ordinal);
    }

    private JsonObject AdminMessage(string text) => host.Activity("personal-message.json", a =>
    {
        a["text"] = text;
        a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
    });

}

/// <summary>When the schedule fires, in the configured time zone, across daylight-saving changes.</summary>
public sealed class DigestScheduleTests
{
    private static DigestScheduler Scheduler(FakeTimeProvider time) =>
        new(null!, Options.Create(new DigestOptions()), time, NullLogger<DigestScheduler>.Instance);

    [Fact]
    public void NextOccurrence_MondayAfterTheSpringChange_IsEightOClockSummerTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero)); // Sunday of the change

        var next = Scheduler(time).NextOccurrence(time.GetUtcNow());

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), next!.Value.ToUniversalTime()); // 08:00 CEST
    }

    [Fact]
    public void NextOccurrence_MondayBeforeTheSpringChange_IsEightOClockWinterTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 22, 12, 0, 0, TimeSpan.Zero));

        var next = Scheduler(time).NextOccurrence(time.GetUtcNow());

        Assert.Equal(new DateTimeOffset(2026, 3, 23, 7, 0, 0, TimeSpan.Zero), next!.Value.ToUniversalTime()); // 08:00 CET
    }

    [Fact]
    public void LastOccurrence_BotWasDownOverMondayMorning_FindsThatMondayToCatchUp()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero)); // Wednesday

        var last = Scheduler(time).LastOccurrence(time.GetUtcNow());

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), last!.Value.ToUniversalTime());
    }

    [Fact]
    public void PublishedWeek_IsTheFullWeekBeforeTheOccurrence()
    {
        var zone = new DigestOptions().ResolveTimeZone();
        var occurrence = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

        var week = DigestWeek.Containing(occurrence, zone).Previous;

        Assert.Equal(new DateOnly(2026, 11, 16), week.Monday);
    }
}
