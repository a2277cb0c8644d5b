using AdoptionBot.BusinessUnits;
using AdoptionBot.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Channels;

/// <summary>
/// Who may point a channel at a business unit: the portfolio team, and the unit's channel owners in
/// Portfolio:UnitOwners; re-pointing or stopping a channel that follows a unit needs the right to that unit too. A team
/// with guests is refused unless Channels:AllowGuestTeams is on; its roster comes from the Bot Connector.
/// </summary>
public sealed class LinkPermissions(AdminGuard guard, BusinessUnitDirectory businessUnits, IOptions<ChannelsOptions> options, ILogger<LinkPermissions> logger)
{
    private const int RosterPageSize = 500;

    /// <summary>Why the sender may not link this channel to <paramref name="unit"/>, or null when they may.</summary>
    public async Task<string?> RefusalToLinkAsync(ITurnContext turnContext, string unit, ChannelLink? current, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!MayAct(activity, unit))
        {
            return $"Only the portfolio team and the channel owners of {unit} can link a channel to it. Nothing was changed.";
        }

        if (current is not null && !MayAct(activity, current.BusinessUnit))
        {
            return $"This channel follows {current.BusinessUnit}; only the portfolio team and that unit's channel owners can point it elsewhere. Nothing was changed.";
        }

        if (options.Value.AllowGuestTeams)
        {
            return null;
        }

        return await HasGuestsAsync(turnContext, cancellationToken) switch
        {
            false => null,
            true => "This team has guests from outside the organisation, and a unit's status updates and digest name its ideas and people, so it cannot follow a business unit. Link a channel of a team without guests. Nothing was changed.",
            null => "I could not read this team's members to check for guests, so I did not link the channel. Please try again in a few minutes. Nothing was changed.",
        };
    }

    /// <summary>Why the sender may not stop this channel's link, or null when they may.</summary>
    public string? RefusalToUnlink(IActivity activity, ChannelLink current) =>
        MayAct(activity, current.BusinessUnit)
            ? null
            : $"Only the portfolio team and the channel owners of {current.BusinessUnit} can unlink this channel. Nothing was changed.";

    private bool MayAct(IActivity activity, string unit) => guard.IsAdmin(activity) || businessUnits.IsOwner(unit, UserIdentity.ObjectId(activity));

    /// <summary>Whether the team's roster (every page of it) has a guest; null when the connector could not say.</summary>
    private async Task<bool?> HasGuestsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            string? continuation = null;
            do
            {
                var page = await TeamsInfo.GetPagedTeamMembersAsync(turnContext, null, continuation, RosterPageSize, cancellationToken);
                if (page?.Members?.Any(m => string.Equals(m.UserRole, "guest", StringComparison.OrdinalIgnoreCase)) == true)
                {
                    return true;
                }

                continuation = page?.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(continuation));
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ChannelsLog.RosterUnavailable(logger, ex.GetType().Name);
            return null;
        }
    }
}
