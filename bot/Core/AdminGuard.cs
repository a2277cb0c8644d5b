using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Core;

/// <summary>The one place that decides whether the sender is on the portfolio team.</summary>
public sealed class AdminGuard(IOptionsMonitor<PortfolioOptions> options)
{
    public bool IsAdmin(IActivity activity) => IsAdmin(UserIdentity.ObjectId(activity));

    /// <summary>Whether the Entra object id is on the portfolio team (the tabs know the user by their token, not an activity).</summary>
    public bool IsAdmin(string? objectId) =>
        !string.IsNullOrWhiteSpace(objectId) && options.CurrentValue.Admins.Any(a => string.Equals(a.Trim(), objectId, StringComparison.OrdinalIgnoreCase));
}
