using System.Globalization;
using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace AdoptionBot.People;

/// <summary>
/// Reads the employee's department from Microsoft Graph (<c>users/{id}?$select=department</c>, app-only, User.Read.All).
/// Never throws for Graph trouble: a failure, throttling or a slow answer logs a warning and gives null, so the form
/// opens without a pre-selection instead of waiting.
/// </summary>
public sealed class GraphUserDirectory : IUserDirectory, IDisposable
{
    private static readonly string[] DepartmentOnly = ["department"];

    // Retrying inside a two-second budget only delays the card; a throttled lookup pauses lookups instead.
    private static readonly RetryHandlerOption NoRetry = new() { ShouldRetry = static (_, _, _) => false };

    private static readonly TimeSpan DefaultThrottlePause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxThrottlePause = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly GraphServiceClient _graph;
    private readonly DepartmentCache _cache;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphUserDirectory> _logger;
    private long _pausedUntilUtcTicks;

    public GraphUserDirectory(IOptions<PeopleOptions> options, TokenCredential credential, TimeProvider time, ILogger<GraphUserDirectory> logger)
    {
        var settings = options.Value;
        var baseUrl = settings.BaseUrl.TrimEnd('/');
        var baseUri = new Uri(baseUrl);

        // The token is for the Graph host the bot talks to (https://graph.microsoft.com/.default, or a national cloud's),
        // and is sent to that host only.
        var scope = baseUri.GetLeftPart(UriPartial.Authority) + "/.default";
        var authentication = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [baseUri.Host], observabilityOptions: null, isCaeEnabled: true, scopes: [scope]);
        _http = GraphClientFactory.Create(
            GraphClientFactory.CreateDefaultHandlers(),
            finalHandler: new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _graph = new GraphServiceClient(_http, authentication, baseUrl);

        _cache = new DepartmentCache(settings.CacheMaxEntries, TimeSpan.FromMinutes(settings.CacheMinutes), time);
        _timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        _time = time;
        _logger = logger;
        PeopleLog.GraphDirectoryEnabled(logger, baseUrl, credential.GetType().Name);
    }

    public async Task<string?> GetDepartmentAsync(string aadObjectId, CancellationToken ct)
    {
        if (!Guid.TryParse(aadObjectId, out var objectId))
        {
            return null;
        }

        var userId = objectId.ToString("D");
        if (_cache.TryGet(userId, out var cached))
        {
            return cached;
        }

        var now = _time.GetUtcNow();
        var pausedUntil = new DateTimeOffset(Interlocked.Read(ref _pausedUntilUtcTicks), TimeSpan.Zero);
        if (now < pausedUntil)
        {
            PeopleLog.LookupPaused(_logger, pausedUntil);
            return null;
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var user = await _graph.Users[userId].GetAsync(
                request =>
                {
                    request.QueryParameters.Select = DepartmentOnly;
                    request.Options.Add(NoRetry);
                },
                linked.Token);
            var department = string.IsNullOrWhiteSpace(user?.Department) ? null : user.Department.Trim();
            _cache.Set(userId, department);
            return department;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 404)
        {
            _cache.Set(userId, null);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            PeopleLog.LookupTimedOut(_logger, _timeout.TotalSeconds);
            return null;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 429)
        {
            var pause = RetryAfter(ex, now) ?? DefaultThrottlePause;
            pause = pause > MaxThrottlePause ? MaxThrottlePause : pause;
            Interlocked.Exchange(ref _pausedUntilUtcTicks, (now + pause).UtcTicks);
            PeopleLog.LookupThrottled(_logger, pause.TotalSeconds);
            return null;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode is 401 or 403)
        {
            PeopleLog.LookupForbidden(_logger, ex.ResponseStatusCode, ErrorCode(ex));
            return null;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode > 0)
        {
            PeopleLog.LookupFailed(_logger, ex.ResponseStatusCode, ErrorCode(ex));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Network, sign-in (Azure.Identity) or an unreadable answer: the form must still open.
            PeopleLog.LookupError(_logger, ex);
            return null;
        }
    }

    public void Dispose()
    {
        _graph.Dispose();
        _http.Dispose();
    }

    private static string ErrorCode(ApiException ex) => ex is ODataError { Error.Code: { } code } ? code : "no error code";

    private static TimeSpan? RetryAfter(ApiException ex, DateTimeOffset now)
    {
        var value = ex.ResponseHeaders
            .FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now ? at - now : null;
    }
}
