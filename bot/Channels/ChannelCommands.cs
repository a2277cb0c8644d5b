using System.Text;
using AdoptionBot.BusinessUnits;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using AdoptionBot.People;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;

namespace AdoptionBot.Channels;

/// <summary>"link &lt;business unit&gt;" in a channel: the channel follows that business unit, if the sender may point it there.</summary>
public sealed class LinkCommand(ChannelService channels, BusinessUnitDirectory businessUnits, LinkPermissions permissions, ILogger<LinkCommand> logger) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["link"];

    public bool AdminOnly => false;

    /// <summary>A business unit's name is a few words; a longer sentence starting with "link" is a question.</summary>
    public bool Accepts(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxUnitNameWords;

    private const int MaxUnitNameWords = 5;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var units = await businessUnits.ListAsync(cancellationToken);
        if (arguments.Length == 0)
        {
            await turnContext.SendActivityAsync($"Say which business unit this channel follows, for example **link {units.FirstOrDefault() ?? "Research and Development"}**. Business units: {string.Join(", ", units)}.", cancellationToken: cancellationToken);
            return;
        }

        var channelId = turnContext.Activity.TeamsGetChannelId();
        var unit = units.FirstOrDefault(u => string.Equals(u, arguments, StringComparison.OrdinalIgnoreCase));
        LinkResult? result = null;
        string text;
        if (string.IsNullOrWhiteSpace(channelId) || ConversationOrigin.From(turnContext.Activity) is null)
        {
            text = "Links are made in a team channel: @mention me there with **link** and the business unit.";
        }
        else if (unit is null)
        {
            text = $"'{CardText.Plain(arguments)}' is not a business unit I know. Business units: {string.Join(", ", units)}.";
        }
        else if (await permissions.RefusalToLinkAsync(turnContext, unit, await channels.GetAsync(channelId, cancellationToken), cancellationToken) is { } refusal)
        {
            text = refusal;
        }
        else
        {
            result = await channels.LinkAsync(turnContext.Activity, unit, cancellationToken);
            text = result switch
            {
                LinkResult.Linked { Replaced: { } replaced } linked =>
                    $"This channel now follows **{linked.Link.BusinessUnit}**. It replaces the link to {replaced.BusinessUnit} that {CardText.Plain(replaced.LinkedByName)} made on {replaced.LinkedAtUtc:d MMM yyyy}: this channel gets {linked.Link.BusinessUnit}'s idea status updates and weekly adoption digest from now on.",
                LinkResult.Linked linked =>
                    $"This channel follows **{linked.Link.BusinessUnit}**: it gets that business unit's idea status updates and the weekly adoption digest. **unlink** stops it.",
                _ => "Links are made in a team channel: @mention me there with **link** and the business unit.",
            };
        }

        await turnContext.SendActivityAsync(text, cancellationToken: cancellationToken);
        if (result is LinkResult.Linked { Link.TeamGroupId: null } made && await TeamGroupIdAsync(turnContext, cancellationToken) is { } groupId)
        {
            await channels.SetTeamGroupIdAsync(made.Link.ChannelId, groupId, cancellationToken);
        }
    }

    // Teams sends the team's Entra group id with some activities only; the connector's team details always have it.
    private async Task<string?> TeamGroupIdAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            var details = await TeamsInfo.GetTeamDetailsAsync(turnContext, cancellationToken: cancellationToken);
            return string.IsNullOrWhiteSpace(details?.AadGroupId) ? null : details.AadGroupId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ChannelsLog.TeamDetailsUnavailable(logger, ex);
            return null;
        }
    }
}

/// <summary>"unlink" in a channel: no more updates here, if the sender may stop them.</summary>
public sealed class UnlinkCommand(ChannelService channels, LinkPermissions permissions) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["unlink"];

    public bool AdminOnly => false;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var channelId = turnContext.Activity.TeamsGetChannelId();
        var current = channelId is null ? null : await channels.GetAsync(channelId, cancellationToken);
        var text = channelId is null
            ? "Links are made and removed in a team channel."
            : current is null
                ? "This channel is not linked to a business unit."
                : permissions.RefusalToUnlink(turnContext.Activity, current) is { } refusal
                    ? refusal
                    : await channels.UnlinkAsync(channelId, turnContext.Activity, cancellationToken)
                        ? "This channel no longer follows a business unit: no more status updates here."
                        : "This channel is not linked to a business unit.";
        await turnContext.SendActivityAsync(text, cancellationToken: cancellationToken);
    }
}

/// <summary>"channel": which business unit this channel follows.</summary>
public sealed class ChannelCommand(ChannelService channels) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["channel"];

    public bool AdminOnly => false;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var channelId = turnContext.Activity.TeamsGetChannelId();
        var link = channelId is null ? null : await channels.GetAsync(channelId, cancellationToken);
        var text = channelId is null
            ? "This is not a team channel. In a channel, **channel** shows which business unit it follows."
            : link is null
                ? "This channel does not follow a business unit yet. **link** and a business unit name start status updates here."
                : $"This channel follows **{link.BusinessUnit}** (linked by {CardText.Plain(link.LinkedByName)} on {link.LinkedAtUtc:d MMM yyyy}).";
        await turnContext.SendActivityAsync(text, cancellationToken: cancellationToken);
    }
}

/// <summary>
/// "channels" (portfolio team): every link, active or not, and why inactive ones stopped. Teams and channels are shown
/// by their current names in Microsoft Graph when it is configured, else by the names Teams sent when they were linked.
/// </summary>
public sealed class ChannelsCommand(ChannelService channels, IOutbox outbox, ITeamDirectory directory) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["channels"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var links = await channels.ListAsync(cancellationToken);
        if (links.Count == 0)
        {
            await turnContext.SendActivityAsync("No channel follows a business unit yet. In a team channel, @mention me with **link** and a business unit.", cancellationToken: cancellationToken);
            return;
        }

        var current = await directory.GetNamesAsync(
            links.Where(l => l.TeamGroupId is not null).Select(l => new TeamChannel(l.TeamGroupId!, l.ChannelId)).ToList(),
            cancellationToken);
        string Place(ChannelLink link)
        {
            var names = link.TeamGroupId is { } groupId ? current.GetValueOrDefault(new TeamChannel(groupId, link.ChannelId)) : null;
            return $"{CardText.Plain(names?.TeamName ?? link.TeamName ?? "a team")} › {CardText.Plain(names?.ChannelName ?? link.ChannelName ?? link.ChannelId)}";
        }

        var history = await channels.HistoryAsync(HistoryPerChannel, cancellationToken);
        var text = new StringBuilder($"**Channel links** ({links.Count(l => l.IsActive)} active)\n\n");
        foreach (var link in links)
        {
            var where = Place(link);
            text.Append(link.IsActive
                ? $"- **{link.BusinessUnit}**: {where}\n"
                : $"- ~~{link.BusinessUnit}~~: {where}: inactive since {link.DeactivatedAtUtc:d MMM yyyy} ({CardText.Plain(link.DeactivatedReason)})\n");
            foreach (var change in history.GetValueOrDefault(link.ChannelId) ?? [])
            {
                text.Append($"  - {change.AtUtc:d MMM yyyy HH:mm} UTC: {Describe(change)}{(change.Change == ChannelLinkChanges.Stopped ? ": " : " by ")}{CardText.Plain(change.By)}\n");
            }
        }

        var failed = await outbox.ListFailedAsync(MaxFailedListed, cancellationToken);
        if (failed.Count > 0)
        {
            text.Append($"\n**Not delivered** (latest {failed.Count})\n\n");
            foreach (var row in failed)
            {
                var target = row.ChannelLinkId is { } id && links.FirstOrDefault(l => l.Id == id) is { } link
                    ? Place(link)
                    : "a 1:1 chat";
                text.Append($"- {row.Kind} to {target}, {row.CreatedAtUtc:d MMM yyyy HH:mm} UTC: {CardText.Plain(row.LastError)}\n");
            }
        }

        await turnContext.SendActivityAsync(MessageFactory.Text(text.ToString()), cancellationToken);
    }

    private const int MaxFailedListed = 10;

    private const int HistoryPerChannel = 5;

    private static string Describe(ChannelLinkChange change) => change.Change switch
    {
        ChannelLinkChanges.Linked => $"linked to {change.BusinessUnit}",
        ChannelLinkChanges.Relinked => $"re-linked from {change.PreviousBusinessUnit} to {change.BusinessUnit}",
        ChannelLinkChanges.Unlinked => $"unlinked from {change.PreviousBusinessUnit}",
        _ => $"stopped following {change.PreviousBusinessUnit}",
    };
}
