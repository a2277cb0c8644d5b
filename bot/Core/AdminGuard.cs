using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Core;

/// <summary>The one place that decides whether the sender is on the portfolio team.</summary>
public sealed class AdminGuard(IOptionsMonitor<PortfolioOptions> options)
{
    public bool IsAdmin(IActivity activity)
    {
        var objectId = UserIdentity.ObjectId(activity);
        return objectId is not null && options.CurrentValue.Admins.Any(a => string.Equals(a.Trim(), objectId, StringComparison.OrdinalIgnoreCase));
    }
}
