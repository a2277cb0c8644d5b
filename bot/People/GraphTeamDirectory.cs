using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;

namespace AdoptionBot.People;

/// <summary>
/// Reads team and channel names from Microsoft Graph (<c>teams/{group-id}?$select=displayName</c>,
/// <c>teams/{group-id}/channels/{channel-id}?$select=displayName</c>, app-only, Team.ReadBasic.All and
/// Channel.ReadBasic.All). Each team is looked up once per call, a few lookups at a time, all within Graph:TimeoutSeconds.
/// Never throws for Graph trouble: what Graph did not answer in time is left out, and one warning says why.
/// </summary>
public sealed class GraphTeamDirectory : ITeamDirectory
{
    private const int MaxParallelLookups = 4;
    private static readonly string[] DisplayNameOnly = ["displayName"];

    private readonly GraphConnection _graph;
    private readonly LookupCache _teamNames;
    private readonly LookupCache _channelNames;
    private readonly ThrottlePause _throttle;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphTeamDirectory> _logger;

    public GraphTeamDirectory(GraphConnection graph, IOptions<PeopleOptions> options, TimeProvider time, ILogger<GraphTeamDirectory> logger)
    {
        var settings = options.Value;
        _graph = graph;
        _teamNames = new LookupCache(settings.CacheMaxEntries, TimeSpan.FromMinutes(settings.CacheMinutes), time);
        _channelNames = new LookupCache(settings.CacheMaxEntries, TimeSpan.FromMinutes(settings.CacheMinutes), time);
        _throttle = new ThrottlePause(time);
        _timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        _time = time;
        _logger = logger;
    }

    public async Task<IReadOnlyDictionary<TeamChannel, TeamChannelNames>> GetNamesAsync(IReadOnlyCollection<TeamChannel> channels, CancellationToken ct)
    {
        var wanted = channels
            .Where(c => Guid.TryParse(c.TeamGroupId, out _) && !string.IsNullOrWhiteSpace(c.ChannelId))
            .Select(c => new TeamChannel(Guid.Parse(c.TeamGroupId).ToString("D"), c.ChannelId.Trim()))
            .Distinct()
            .ToList();
        var names = new Dictionary<TeamChannel, TeamChannelNames>();
        if (wanted.Count == 0)
        {
            return names;
        }

        var batch = new Batch(ct);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var gate = new SemaphoreSlim(MaxParallelLookups);

        Task<string?> Lookup(LookupCache cache, string key, Func<CancellationToken, Task<string?>> fetch) =>
            LookupAsync(cache, key, fetch, batch, gate, linked.Token);

        var teams = wanted.Select(c => c.TeamGroupId).Distinct(StringComparer.Ordinal).ToDictionary(
            id => id,
            id => Lookup(_teamNames, id, token => TeamNameAsync(id, token)),
            StringComparer.Ordinal);
        var channelLookups = wanted.ToDictionary(
            c => c,
            c => Lookup(_channelNames, c.TeamGroupId + "/" + c.ChannelId, token => ChannelNameAsync(c, token)));
        await Task.WhenAll(teams.Values.Concat(channelLookups.Values));
        batch.Report(_logger, _timeout);

        foreach (var requested in channels)
        {
            if (!Guid.TryParse(requested.TeamGroupId, out var groupId) || string.IsNullOrWhiteSpace(requested.ChannelId))
            {
                continue;
            }

            var key = new TeamChannel(groupId.ToString("D"), requested.ChannelId.Trim());
            var teamName = await teams[key.TeamGroupId];
            var channelName = await channelLookups[key];
            if (teamName is not null || channelName is not null)
            {
                names[requested] = new TeamChannelNames(teamName, channelName);
            }
        }

        return names;
    }

    private async Task<string?> TeamNameAsync(string teamGroupId, CancellationToken token)
    {
        var team = await _graph.Client.Teams[teamGroupId].GetAsync(
            request =>
            {
                request.QueryParameters.Select = DisplayNameOnly;
                request.Options.Add(GraphConnection.NoRetry);
            },
            token);
        return team?.DisplayName;
    }

    private async Task<string?> ChannelNameAsync(TeamChannel channel, CancellationToken token)
    {
        var found = await _graph.Client.Teams[channel.TeamGroupId].Channels[channel.ChannelId].GetAsync(
            request =>
            {
                request.QueryParameters.Select = DisplayNameOnly;
                request.Options.Add(GraphConnection.NoRetry);
            },
            token);
        return found?.DisplayName;
    }

    private async Task<string?> LookupAsync(LookupCache cache, string key, Func<CancellationToken, Task<string?>> fetch, Batch batch, SemaphoreSlim gate, CancellationToken token)
    {
        if (cache.TryGet(key, out var cached))
        {
            return cached;
        }

        if (_throttle.IsPaused(out var resumeAt))
        {
            batch.Paused(resumeAt);
            return null;
        }

        try
        {
            await gate.WaitAsync(token);
            try
            {
                if (_throttle.IsPaused(out resumeAt))
                {
                    batch.Paused(resumeAt);
                    return null;
                }

                var name = await fetch(token);
                name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
                cache.Set(key, name);
                return name;
            }
            finally
            {
                gate.Release();
            }
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 404)
        {
            cache.Set(key, null); // deleted, or the bot's app cannot see it: the stored name stays
            return null;
        }
        catch (OperationCanceledException) when (!batch.CallerCancelled)
        {
            batch.TimedOut();
            return null;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 429)
        {
            batch.Throttled(_throttle.Start(ex));
            return null;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode > 0)
        {
            batch.Failed(ex.ResponseStatusCode, GraphConnection.ErrorCode(ex));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Network, sign-in (Azure.Identity) or an unreadable answer: the stored names do.
            batch.Failed(ex);
            return null;
        }
    }

    /// <summary>What went wrong during one call, so it is logged once, not once per channel.</summary>
    private sealed class Batch(CancellationToken caller)
    {
        private readonly Lock _lock = new();
        private bool _timedOut;
        private TimeSpan? _throttledFor;
        private DateTimeOffset? _pausedUntil;
        private (int StatusCode, string ErrorCode)? _failure;
        private Exception? _error;

        public bool CallerCancelled => caller.IsCancellationRequested;

        public void TimedOut()
        {
            lock (_lock)
            {
                _timedOut = true;
            }
        }

        public void Throttled(TimeSpan pause)
        {
            lock (_lock)
            {
                _throttledFor ??= pause;
            }
        }

        public void Paused(DateTimeOffset until)
        {
            lock (_lock)
            {
                _pausedUntil ??= until;
            }
        }

        public void Failed(int statusCode, string errorCode)
        {
            lock (_lock)
            {
                _failure ??= (statusCode, errorCode);
            }
        }

        public void Failed(Exception error)
        {
            lock (_lock)
            {
                _error ??= error;
            }
        }

        public void Report(ILogger logger, TimeSpan timeout)
        {
            lock (_lock)
            {
                if (_throttledFor is { } pause)
                {
                    PeopleLog.TeamLookupThrottled(logger, pause.TotalSeconds);
                }
                else if (_pausedUntil is { } until)
                {
                    PeopleLog.TeamLookupPaused(logger, until);
                }

                if (_failure is { StatusCode: 401 or 403 } forbidden)
                {
                    PeopleLog.TeamLookupForbidden(logger, forbidden.StatusCode, forbidden.ErrorCode);
                }
                else if (_failure is { } failure)
                {
                    PeopleLog.TeamLookupFailed(logger, failure.StatusCode, failure.ErrorCode);
                }

                if (_error is not null)
                {
                    PeopleLog.TeamLookupError(logger, _error);
                }

                if (_timedOut)
                {
                    PeopleLog.TeamLookupTimedOut(logger, timeout.TotalSeconds);
                }
            }
        }
    }
}
