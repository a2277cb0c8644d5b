using System.Net;
using AdoptionBot.People;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.People;

public sealed class GraphUserDirectoryTests : IAsyncLifetime
{
    private const string Jana = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";
    private const string Malte = "0b7c1e2d-4a5f-4c3b-8d9e-1f2a3b4c5d6e";
    private const string Ole = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private const string Stranger = "11111111-2222-4333-8444-555555555555";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
    private readonly CapturingLogger<GraphUserDirectory> _logger = new();
    private readonly StaticTokenCredential _credential = new();
    private StandInGraph _graph = null!;

    public async Task InitializeAsync()
    {
        _graph = await StandInGraph.StartAsync();
        _graph.AddUser(Jana, "Jana Weber", "Field Service");
        _graph.AddUser(Malte, "Malte Jensen", "  Procurement ");
        _graph.AddUser(Ole, "Ole Hansen", department: null);
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task GetDepartmentAsync_KnownUser_ReturnsDepartmentAskingOnlyForItWithTheBearerToken()
    {
        using var directory = Directory();

        var department = await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        Assert.Equal("Field Service", department);
        var request = Assert.Single(_graph.Requests);
        Assert.StartsWith($"/v1.0/users/{Jana}?", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("department", request.Select);
        Assert.Equal("Bearer " + StaticTokenCredential.Token, request.Authorization);
    }

    [Fact]
    public async Task GetDepartmentAsync_AsksForATokenForTheGraphHostItTalksTo()
    {
        using var directory = Directory();

        await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        var scopes = Assert.Single(_credential.RequestedScopes.Distinct(new ScopesComparer()));
        Assert.Equal([new Uri(_graph.BaseUrl).GetLeftPart(UriPartial.Authority) + "/.default"], scopes);
    }

    [Fact]
    public async Task GetDepartmentAsync_DepartmentWithSpaces_IsTrimmed()
    {
        using var directory = Directory();

        Assert.Equal("Procurement", await directory.GetDepartmentAsync(Malte, CancellationToken.None));
    }

    [Fact]
    public async Task GetDepartmentAsync_ProfileWithoutDepartment_ReturnsNull()
    {
        using var directory = Directory();

        Assert.Null(await directory.GetDepartmentAsync(Ole, CancellationToken.None));
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task GetDepartmentAsync_UnknownUser_ReturnsNullWithoutWarning()
    {
        using var directory = Directory();

        var department = await directory.GetDepartmentAsync(Stranger, CancellationToken.None);

        Assert.Null(department);
        Assert.Single(_graph.Requests);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task GetDepartmentAsync_NotAnObjectId_ReturnsNullWithoutAskingGraph()
    {
        using var directory = Directory();

        Assert.Null(await directory.GetDepartmentAsync("jana.weber@nordhafen.example", CancellationToken.None));
        Assert.Null(await directory.GetDepartmentAsync("", CancellationToken.None));
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task GetDepartmentAsync_ServerError_ReturnsNullAndWarns()
    {
        _graph.FailWith = HttpStatusCode.InternalServerError;
        using var directory = Directory();

        var department = await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        Assert.Null(department);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("HTTP 500", warning.Message, StringComparison.Ordinal);
        Assert.Contains("generalException", warning.Message, StringComparison.Ordinal);
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task GetDepartmentAsync_AfterAFailure_AsksGraphAgain()
    {
        _graph.FailWith = HttpStatusCode.ServiceUnavailable;
        using var directory = Directory();
        Assert.Null(await directory.GetDepartmentAsync(Jana, CancellationToken.None));

        _graph.FailWith = null;
        var department = await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        Assert.Equal("Field Service", department);
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task GetDepartmentAsync_Forbidden_WarnsAboutThePermission()
    {
        _graph.FailWith = HttpStatusCode.Forbidden;
        using var directory = Directory();

        Assert.Null(await directory.GetDepartmentAsync(Jana, CancellationToken.None));

        Assert.Contains("User.Read.All", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDepartmentAsync_Throttled_WarnsOnceAndPausesLookupsForRetryAfter()
    {
        _graph.FailWith = HttpStatusCode.TooManyRequests;
        _graph.RetryAfterSeconds = 20;
        using var directory = Directory();

        Assert.Null(await directory.GetDepartmentAsync(Jana, CancellationToken.None));
        Assert.Null(await directory.GetDepartmentAsync(Malte, CancellationToken.None));

        Assert.Single(_graph.Requests);
        Assert.Contains("429", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);

        _graph.FailWith = null;
        _time.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal("Procurement", await directory.GetDepartmentAsync(Malte, CancellationToken.None));
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task GetDepartmentAsync_SlowGraph_GivesUpAtTheTimeoutWithAWarning()
    {
        _graph.Delay = TimeSpan.FromMinutes(10);
        using var directory = Directory(timeoutSeconds: 0.3);

        var lookup = directory.GetDepartmentAsync(Jana, CancellationToken.None);
        await Poll.UntilAsync(() => _graph.Requests.Count > 0, TimeSpan.FromSeconds(30), () => "the lookup to reach Graph");
        _time.Advance(TimeSpan.FromSeconds(0.29));
        Assert.False(lookup.IsCompleted, "The lookup gave up before its timeout.");

        _time.Advance(TimeSpan.FromSeconds(0.01));
        Assert.Null(await lookup.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("0.3 s", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDepartmentAsync_CallerCancels_Throws()
    {
        _graph.Delay = TimeSpan.FromMinutes(10);
        using var directory = Directory(timeoutSeconds: 20);
        using var cancel = new CancellationTokenSource();

        var lookup = directory.GetDepartmentAsync(Jana, cancel.Token);
        await Poll.UntilAsync(() => _graph.Requests.Count > 0, TimeSpan.FromSeconds(30), () => "the lookup to reach Graph");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task GetDepartmentAsync_SecondLookup_IsServedFromTheCache()
    {
        using var directory = Directory();

        var first = await directory.GetDepartmentAsync(Jana, CancellationToken.None);
        var second = await directory.GetDepartmentAsync(Jana.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal("Field Service", first);
        Assert.Equal(first, second);
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task GetDepartmentAsync_UnknownUser_IsCachedToo()
    {
        using var directory = Directory();

        await directory.GetDepartmentAsync(Stranger, CancellationToken.None);
        await directory.GetDepartmentAsync(Stranger, CancellationToken.None);

        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task GetDepartmentAsync_AfterCacheTime_AsksGraphAgain()
    {
        using var directory = Directory(cacheMinutes: 60);
        await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(59));
        await directory.GetDepartmentAsync(Jana, CancellationToken.None);
        Assert.Single(_graph.Requests);

        _time.Advance(TimeSpan.FromMinutes(2));
        await directory.GetDepartmentAsync(Jana, CancellationToken.None);
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task GetDepartmentAsync_CacheFull_ForgetsTheLeastRecentlyUsedUser()
    {
        using var directory = Directory(cacheMaxEntries: 2);
        await directory.GetDepartmentAsync(Jana, CancellationToken.None);
        await directory.GetDepartmentAsync(Malte, CancellationToken.None);
        await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        await directory.GetDepartmentAsync(Ole, CancellationToken.None);
        await directory.GetDepartmentAsync(Jana, CancellationToken.None);
        await directory.GetDepartmentAsync(Malte, CancellationToken.None);

        Assert.Equal(
            [$"/v1.0/users/{Jana}", $"/v1.0/users/{Malte}", $"/v1.0/users/{Ole}", $"/v1.0/users/{Malte}"],
            _graph.Requests.Select(r => r.PathAndQuery.Split('?')[0]));
    }

    [Fact]
    public async Task GetDepartmentAsync_CacheOff_AsksGraphEveryTime()
    {
        using var directory = Directory(cacheMinutes: 0);

        await directory.GetDepartmentAsync(Jana, CancellationToken.None);
        await directory.GetDepartmentAsync(Jana, CancellationToken.None);

        Assert.Equal(2, _graph.Requests.Count);
    }

    private GraphUserDirectory Directory(double timeoutSeconds = 5, int cacheMinutes = 60, int cacheMaxEntries = 100) =>
        new(
            Options.Create(new PeopleOptions
            {
                Enabled = true,
                BaseUrl = _graph.BaseUrl,
                TenantId = "72f988bf-0000-4000-8000-000000000001",
                ClientId = "4a1b2c3d-0000-4000-8000-00000000abcd",
                TimeoutSeconds = timeoutSeconds,
                CacheMinutes = cacheMinutes,
                CacheMaxEntries = cacheMaxEntries,
            }),
            _credential,
            _time,
            _logger);

    private sealed class ScopesComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is null ? y is null : y is not null && x.SequenceEqual(y);

        public int GetHashCode(string[] obj) => string.Join(' ', obj).GetHashCode(StringComparison.Ordinal);
    }
}
