using System.Net;
using AdoptionBot.People;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.People;

public sealed class GraphTeamDirectoryTests : IAsyncLifetime
{
    private const string Purchasing = "0d2f0000-1111-4222-8333-444455556666";
    private const string Research = "7c1e0000-2222-4333-8444-555566667777";
    private const string Deleted = "99990000-3333-4444-8555-666677778888";
    private const string Audits = "19:audits0001@thread.tacv2";
    private const string Tenders = "19:tenders0001@thread.tacv2";
    private const string Lab = "19:lab0001@thread.tacv2";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
    private readonly CapturingLogger<GraphTeamDirectory> _logger = new();
    private StandInGraph _graph = null!;
    private GraphConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _graph = await StandInGraph.StartAsync();
        _graph.AddTeam(Purchasing, "Purchasing & Suppliers");
        _graph.AddChannel(Purchasing, Audits, "Supplier audits");
        _graph.AddChannel(Purchasing, Tenders, "Tenders");
        _graph.AddTeam(Research, "R&D Lab");
        _connection = new GraphConnection(Options(5, 60), new StaticTokenCredential());
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task GetNamesAsync_KnownTeamAndChannel_ReturnsGraphsNamesAskingOnlyForThemWithTheBearerToken()
    {
        var directory = Directory();

        var names = await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None);

        Assert.Equal(new TeamChannelNames("Purchasing & Suppliers", "Supplier audits"), names[new TeamChannel(Purchasing, Audits)]);
        Assert.Equal(
            [$"/v1.0/teams/{Purchasing}", $"/v1.0/teams/{Purchasing}/channels/{Audits}"],
            _graph.Requests.Select(r => r.PathAndQuery.Split('?')[0]).Order(StringComparer.Ordinal));
        Assert.All(_graph.Requests, r => Assert.Equal("displayName", r.Select));
        Assert.All(_graph.Requests, r => Assert.Equal("Bearer " + StaticTokenCredential.Token, r.Authorization));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task GetNamesAsync_TwoChannelsOfOneTeam_LooksTheTeamUpOnce()
    {
        var directory = Directory();

        var names = await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits), new TeamChannel(Purchasing, Tenders)], CancellationToken.None);

        Assert.Equal("Tenders", names[new TeamChannel(Purchasing, Tenders)].ChannelName);
        Assert.Equal("Purchasing & Suppliers", names[new TeamChannel(Purchasing, Tenders)].TeamName);
        Assert.Equal(3, _graph.Requests.Count);
        Assert.Single(_graph.Requests, r => r.PathAndQuery.StartsWith($"/v1.0/teams/{Purchasing}?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetNamesAsync_UnknownTeamOrChannel_LeavesOutWhatGraphDoesNotKnowWithoutWarning()
    {
        var directory = Directory();

        var names = await directory.GetNamesAsync([new TeamChannel(Deleted, Audits), new TeamChannel(Research, Lab)], CancellationToken.None);

        Assert.False(names.ContainsKey(new TeamChannel(Deleted, Audits)));
        Assert.Equal(new TeamChannelNames("R&D Lab", null), names[new TeamChannel(Research, Lab)]);
        Assert.Equal(4, _graph.Requests.Count);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task GetNamesAsync_NotAGroupId_AsksGraphNothing()
    {
        var directory = Directory();

        var names = await directory.GetNamesAsync([new TeamChannel("19:teamGeneral0001@thread.tacv2", Audits)], CancellationToken.None);

        Assert.Empty(names);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task GetNamesAsync_ServerError_LeavesEverythingOutAndWarnsOnce()
    {
        _graph.FailWith = HttpStatusCode.InternalServerError;
        var directory = Directory();

        var names = await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits), new TeamChannel(Purchasing, Tenders)], CancellationToken.None);

        Assert.Empty(names);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("HTTP 500", warning.Message, StringComparison.Ordinal);
        Assert.Contains("generalException", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNamesAsync_Forbidden_WarnsAboutThePermissions()
    {
        _graph.FailWith = HttpStatusCode.Forbidden;
        var directory = Directory();

        Assert.Empty(await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None));

        var warning = Assert.Single(_logger.Warnings).Message;
        Assert.Contains("Team.ReadBasic.All", warning, StringComparison.Ordinal);
        Assert.Contains("Channel.ReadBasic.All", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNamesAsync_Throttled_WarnsOnceAndPausesLookupsForRetryAfter()
    {
        _graph.FailWith = HttpStatusCode.TooManyRequests;
        _graph.RetryAfterSeconds = 20;
        var directory = Directory();
        Assert.Empty(await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None));
        var asked = _graph.Requests.Count;

        _graph.FailWith = null;
        Assert.Empty(await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None));
        Assert.Equal(asked, _graph.Requests.Count);
        Assert.Contains("429", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(21));
        var names = await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None);
        Assert.Equal("Supplier audits", names[new TeamChannel(Purchasing, Audits)].ChannelName);
    }

    [Fact]
    public async Task GetNamesAsync_SlowGraph_GivesUpAtTheTimeoutWithOneWarning()
    {
        _graph.Delay = TimeSpan.FromMinutes(10);
        var directory = Directory(timeoutSeconds: 0.3);

        var lookup = directory.GetNamesAsync(
            [new TeamChannel(Purchasing, Audits), new TeamChannel(Purchasing, Tenders), new TeamChannel(Research, Lab)],
            CancellationToken.None);
        await Poll.UntilAsync(() => _graph.Requests.Count > 0, TimeSpan.FromSeconds(30), () => "the lookup to reach Graph");
        _time.Advance(TimeSpan.FromSeconds(0.29));
        Assert.False(lookup.IsCompleted, "The lookup gave up before its timeout.");

        _time.Advance(TimeSpan.FromSeconds(0.01));
        var names = await lookup.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(names);
        Assert.Contains("0.3 s", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNamesAsync_SecondCall_IsServedFromTheCacheUntilItExpires()
    {
        var directory = Directory(cacheMinutes: 60);
        await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None);

        var again = await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None);
        Assert.Equal("Supplier audits", again[new TeamChannel(Purchasing, Audits)].ChannelName);
        Assert.Equal(2, _graph.Requests.Count);

        _time.Advance(TimeSpan.FromMinutes(61));
        await directory.GetNamesAsync([new TeamChannel(Purchasing, Audits)], CancellationToken.None);
        Assert.Equal(4, _graph.Requests.Count);
    }

    private GraphTeamDirectory Directory(double timeoutSeconds = 5, int cacheMinutes = 60) =>
        new(_connection, Options(timeoutSeconds, cacheMinutes), _time, _logger);

    private IOptions<PeopleOptions> Options(double timeoutSeconds, int cacheMinutes) =>
        Microsoft.Extensions.Options.Options.Create(new PeopleOptions
        {
            Enabled = true,
            BaseUrl = _graph.BaseUrl,
            TenantId = "72f988bf-0000-4000-8000-000000000001",
            ClientId = "4a1b2c3d-0000-4000-8000-00000000abcd",
            TimeoutSeconds = timeoutSeconds,
            CacheMinutes = cacheMinutes,
            CacheMaxEntries = 100,
        });
}
