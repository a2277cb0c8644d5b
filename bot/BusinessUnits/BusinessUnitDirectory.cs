using AdoptionBot.Core;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.People;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.BusinessUnits;

/// <summary>The business unit a channel follows, answered by the module that keeps channel links (Channels).</summary>
public interface IChannelBusinessUnits
{
    /// <summary>The unit the team channel follows, or null when it follows none.</summary>
    Task<string?> FollowedByAsync(string channelId, CancellationToken cancellationToken);
}

/// <summary>
/// The one place that answers which business units exist (Portfolio:BusinessUnits, else those of the use-case
/// catalogue) and which one a channel, a person or a question counts for.
/// </summary>
public sealed class BusinessUnitDirectory(
    IKnowledgeSearch catalogue,
    IOptionsMonitor<BusinessUnitOptions> options,
    IEnumerable<IChannelBusinessUnits> channels,
    IUserDirectory people,
    IOptions<PeopleOptions> graph,
    DepartmentBusinessUnitMap departments,
    ILogger<BusinessUnitDirectory> logger)
{
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var configured = options.CurrentValue.BusinessUnits.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim()).Distinct().ToList();
        return configured.Count > 0 ? configured : await catalogue.GetBusinessUnitsAsync(cancellationToken);
    }

    /// <summary>Whether the person (by Entra object id) is listed in Portfolio:UnitOwners for <paramref name="businessUnit"/>.</summary>
    public bool IsOwner(string businessUnit, string? objectId) =>
        objectId is not null
        && options.CurrentValue.UnitOwners.Any(p => string.Equals(p.Key.Trim(), businessUnit.Trim(), StringComparison.OrdinalIgnoreCase)
            && p.Value.Any(o => string.Equals(o.Trim(), objectId, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The unit the team channel an activity came from follows; null outside a linked channel.</summary>
    public async Task<string?> OfChannelAsync(IActivity activity, CancellationToken cancellationToken)
    {
        if (activity.TeamsGetChannelId() is not { Length: > 0 } channelId)
        {
            return null;
        }

        foreach (var source in channels)
        {
            if (await source.FollowedByAsync(channelId, cancellationToken) is { } unit)
            {
                return unit;
            }
        }

        return null;
    }

    /// <summary>
    /// The unit the employee's department (in Microsoft Graph) maps to, spelt as in <see cref="ListAsync"/>; null when it
    /// cannot be known (no directory, no department, no match): the employee then chooses.
    /// </summary>
    public async Task<string?> OfPersonAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var units = await ListAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(aadObjectId) || units.Count == 0 || await people.GetDepartmentAsync(aadObjectId, cancellationToken) is not { } department)
        {
            return null;
        }

        var unit = departments.Map(department, units);
        if (unit is null)
        {
            BusinessUnitsLog.DepartmentNotMapped(logger, department);
        }

        return unit;
    }

    /// <summary>
    /// Which unit a question counts for in the digest: the linked channel's it was asked in, else, with Microsoft Graph
    /// configured, the unit the asker's department maps to; else none.
    /// </summary>
    public async Task<string?> CountsForAsync(IActivity activity, CancellationToken cancellationToken) =>
        await OfChannelAsync(activity, cancellationToken)
        ?? (graph.Value.Enabled && UserIdentity.ObjectId(activity) is { } objectId ? await OfPersonAsync(objectId, cancellationToken) : null);
}

internal static partial class BusinessUnitsLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Department '{Department}' is not mapped to a business unit (Portfolio:DepartmentBusinessUnits)")]
    public static partial void DepartmentNotMapped(ILogger logger, string department);
}
