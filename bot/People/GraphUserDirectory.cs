using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;

namespace AdoptionBot.People;

/// <summary>
/// Reads the employee's department from Microsoft Graph (<c>users/{id}?$select=department</c>, app-only, User.Read.All).
/// Never throws for Graph trouble: a failure, throttling or a slow answer logs a warning and gives null, so the form
/// opens without a pre-selection instead of waiting.
/// </summary>
public sealed class GraphUserDirectory : IUserDirectory, IDisposable
{
    private static readonly string[] DepartmentOnly = ["department"];

    private readonly GraphConnection _graph;
    private readonly bool _ownsConnection;
    private readonly LookupCache _cache;
    private readonly ThrottlePause _throttle;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphUserDirectory> _logger;

    /// <summary>A directory over the bot's shared Graph connection.</summary>
    public GraphUserDirectory(GraphConnection graph, IOptions<PeopleOptions> options, TimeProvider time, ILogger<GraphUserDirectory> logger)
        : this(graph, ownsConnection: false, options, time, logger)
    {
    }

    /// <summary>A directory with a Graph connection of its own, signed in with <paramref name="credential"/>.</summary>
    public GraphUserDirectory(IOptions<PeopleOptions> options, TokenCredential credential, TimeProvider time, ILogger<GraphUserDirectory> logger)
        : this(new GraphConnection(options, credential), ownsConnection: true, options, time, logger)
    {
    }

    private GraphUserDirectory(GraphConnection graph, bool ownsConnection, IOptions<PeopleOptions> options, TimeProvider time, ILogger<GraphUserDirectory> logger)
    {
        var settings = options.Value;
        _graph = graph;
        _ownsConnection = ownsConnection;
        _cache = new LookupCache(settings.CacheMaxEntries, TimeSpan.FromMinutes(settings.CacheMinutes), time);
        _throttle = new ThrottlePause(time);
        _timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        _time = time;
        _logger = logger;
        PeopleLog.GraphDirectoryEnabled(logger, graph.BaseUrl, graph.CredentialName);
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

        if (_throttle.IsPaused(out var resumeAt))
        {
            PeopleLog.LookupPaused(_logger, resumeAt);
            return null;
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var user = await _graph.Client.Users[userId].GetAsync(
                request =>
                {
                    request.QueryParameters.Select = DepartmentOnly;
                    request.Options.Add(GraphConnection.NoRetry);
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
            PeopleLog.LookupThrottled(_logger, _throttle.Start(ex).TotalSeconds);
            return null;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode is 401 or 403)
        {
            PeopleLog.LookupForbidden(_logger, ex.ResponseStatusCode, GraphConnection.ErrorCode(ex));
            return null;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode > 0)
        {
            PeopleLog.LookupFailed(_logger, ex.ResponseStatusCode, GraphConnection.ErrorCode(ex));
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
        if (_ownsConnection)
        {
            _graph.Dispose();
        }
    }
}
