using System.Security.Claims;
using System.Text.Encodings.Web;
using AdoptionBot.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tabs.Identity;

/// <summary>
/// The laptop's user: with no app registration for the tabs and the bot in anonymous mode (no Microsoft App ID), a
/// request from this computer is the configured local user, and every page says so. From anywhere else nobody is
/// signed in, as the bot's anonymous mode takes activities from loopback only.
/// </summary>
public sealed class LocalUserHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<TabsOptions> tabs,
    IOptions<BotIdentityOptions> bot) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsLocal(Context, tabs.Value, bot.Value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = tabs.Value.LocalUser;
        var identity = new ClaimsIdentity(
            [new Claim(TabUser.ObjectIdClaim, user.ObjectId), new Claim("name", user.Name), new Claim(TabUser.LocalClaim, "true")],
            TabAuthentication.LocalScheme,
            "name",
            ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), TabAuthentication.LocalScheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => SignInPage.WriteAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SignInPage.WriteForbiddenAsync(Context);

    public static bool IsLocal(HttpContext context, TabsOptions tabs, BotIdentityOptions bot) =>
        !tabs.SignInConfigured
        && bot.IsAnonymous
        && context.Connection.RemoteIpAddress is { } address
        && System.Net.IPAddress.IsLoopback(address)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For");
}
