using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AdoptionBot.Tabs.Identity;

/// <summary>
/// Trading Teams' token for the tab's session, the browser sign-in redirect, and signing out. The session holds the
/// user's object id, name and tenant only, never the token.
/// </summary>
internal static class TabSessionEndpoints
{
    public static void MapTabSession(this IEndpointRouteBuilder app)
    {
        // The token comes in the Authorization header, so a page of another site cannot make this request for the user.
        app.MapPost("/tabs/auth/session", async (HttpContext context) =>
        {
            if (TabUser.From(context.User) is not { IsLocal: false } user)
            {
                return Results.Unauthorized();
            }

            List<Claim> claims = [new(TabUser.ObjectIdClaim, user.ObjectId), new("name", user.Name)];
            if (user.TenantId is not null)
            {
                claims.Add(new Claim(TabUser.TenantIdClaim, user.TenantId));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TabAuthentication.CookieScheme, "name", ClaimTypes.Role));
            await context.SignInAsync(TabAuthentication.CookieScheme, principal);
            return Results.NoContent();
        }).RequireAuthorization(policy => policy.AddAuthenticationSchemes(TabAuthentication.BearerScheme).RequireAuthenticatedUser());

        app.MapGet("/tabs/signin", (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = LocalPath(returnUrl) },
            [TabAuthentication.SignInScheme]));

        app.MapPost("/tabs/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(TabAuthentication.CookieScheme);
            return Results.Redirect("/tabs/my-ideas");
        }).DisableAntiforgery().RequireAuthorization(TabAuthentication.UserPolicy);
    }

    /// <summary>
    /// Only a path of the tabs themselves: never another site, never a protocol-relative address, and only what can stand
    /// in the Location header the sign-in ends with (a browser sends its path percent-encoded, in printable ASCII).
    /// </summary>
    internal static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and < 512 } && returnUrl.StartsWith("/tabs/", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.Contains('\\')
            && returnUrl.All(c => c is > ' ' and <= '~')
            ? returnUrl
            : "/tabs/my-ideas";
}
