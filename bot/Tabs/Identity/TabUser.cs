using System.Security.Claims;
using AdoptionBot.Ideas;

namespace AdoptionBot.Tabs.Identity;

/// <summary>Who is using a tab: their Entra object id, name and tenant, and whether they are on the portfolio team.</summary>
public sealed record TabUser(string ObjectId, string Name, string? TenantId, bool IsPortfolioTeam, bool IsLocal)
{
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    public const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";
    public const string PortfolioTeamClaim = "adoptionbot/portfolio-team";
    public const string LocalClaim = "adoptionbot/local-user";

    public Viewer Viewer => new(ObjectId, TenantId, IsPortfolioTeam);

    /// <summary>The actor the portfolio's services record (no Teams conversation: the tab is not one).</summary>
    public Actor Actor => new(ObjectId, Name, ChannelUserId: null, SignedInTenantId: TenantId);

    public static TabUser? From(ClaimsPrincipal principal)
    {
        var objectId = Claim(principal, ObjectIdClaim, "oid");
        if (principal.Identity?.IsAuthenticated != true || string.IsNullOrWhiteSpace(objectId))
        {
            return null;
        }

        var name = Claim(principal, "name", ClaimTypes.Name) ?? "Someone";
        return new TabUser(objectId, name, Claim(principal, TenantIdClaim, "tid"), principal.HasClaim(PortfolioTeamClaim, "true"), principal.HasClaim(LocalClaim, "true"));
    }

    private static string? Claim(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
