using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using AdoptionBot.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace AdoptionBot.Tabs.Identity;

/// <summary>
/// How a tab knows its user. Inside Teams the page asks Teams for the user's token (tab single sign-on) and trades it
/// for a session cookie; a request that carries the token itself (an API client, a test) is taken as is; in a plain
/// browser the same app registration signs the user in with a redirect; with no app registration at all (a laptop in
/// anonymous mode) the local development user is signed in, on loopback only.
/// </summary>
public static class TabAuthentication
{
    /// <summary>The scheme pages use: it picks one of the others per request.</summary>
    public const string Scheme = "Tabs";
    public const string BearerScheme = "TabsBearer";
    public const string CookieScheme = "TabsCookie";
    public const string SignInScheme = "TabsSignIn";
    public const string LocalScheme = "TabsLocal";

    public const string UserPolicy = "TabUser";
    public const string PortfolioPolicy = "TabPortfolioTeam";

    public static IServiceCollection AddTabAuthentication(this IServiceCollection services)
    {
        var authentication = services.AddAuthentication();
        authentication.AddPolicyScheme(Scheme, "Teams tabs", options => options.ForwardDefaultSelector = SelectScheme);
        authentication.AddScheme<AuthenticationSchemeOptions, LocalUserHandler>(LocalScheme, null);
        authentication.AddMicrosoftIdentityWebApi(_ => { }, _ => { }, BearerScheme);
        authentication.AddMicrosoftIdentityWebApp(_ => { }, _ => { }, SignInScheme, CookieScheme);

        // Read per scheme when first used, so a bad setting reaches start-up validation, not a request.
        services.AddOptions<MicrosoftIdentityOptions>(BearerScheme).Configure<IOptions<TabsOptions>>((options, tabs) => Identify(options, tabs.Value));
        services.AddOptions<MicrosoftIdentityOptions>(SignInScheme).Configure<IOptions<TabsOptions>, IOptions<BotOptions>>((options, tabs, bot) =>
        {
            Identify(options, tabs.Value);
            // One allowed tenant signs in at that tenant; several (or none listed) at the organisations' endpoint.
            options.TenantId = bot.Value.AllowedTenants.Count == 1 ? bot.Value.AllowedTenants[0] : "organizations";
            options.ResponseType = "id_token";
            options.ResponseMode = "form_post";
            options.CallbackPath = "/signin-oidc";
        });
        services.AddOptions<JwtBearerOptions>(BearerScheme).Configure<IOptions<TabsOptions>, IOptions<BotOptions>>((options, tabs, bot) =>
        {
            options.TokenValidationParameters.ValidAudiences = Audiences(tabs.Value);
            options.TokenValidationParameters.IssuerValidator = (issuer, token, _) => TenantIssuers.Validate(issuer, token, tabs.Value.Instance, bot.Value.AllowedTenants);
            options.MapInboundClaims = true;
            // A page opened with a token (an API client, a browser sending it) that the user may not see says why, as with a session.
            options.Events ??= new JwtBearerEvents();
            var forbidden = options.Events.OnForbidden;
            options.Events.OnForbidden = async context =>
            {
                await forbidden(context);
                await SignInPage.WriteForbiddenAsync(context.HttpContext);
            };
        });
        services.AddOptions<OpenIdConnectOptions>(SignInScheme).Configure<IOptions<TabsOptions>, IOptions<BotOptions>>((options, tabs, bot) =>
        {
            options.TokenValidationParameters.ValidAudiences = Audiences(tabs.Value);
            options.TokenValidationParameters.IssuerValidator = (issuer, token, _) => TenantIssuers.Validate(issuer, token, tabs.Value.Instance, bot.Value.AllowedTenants);
            // A sign-in that comes back refused (a token of another tenant, the user's cancel, a lost correlation cookie)
            // says so on a page of its own, with no automatic retry that could loop, instead of failing the request.
            options.Events ??= new OpenIdConnectEvents();
            var failed = options.Events.OnRemoteFailure;
            options.Events.OnRemoteFailure = async context =>
            {
                await failed(context);
                if (context.Result is not { Handled: true })
                {
                    context.HandleResponse();
                    await SignInPage.WriteFailedAsync(context.HttpContext);
                }
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<TabsOptions>>((options, tabs) =>
        {
            // Secure, SameSite and Partitioned are decided per request by the tabs' cookie policy (AddTabs).
            options.Cookie.Name = "adoptionbot-tab";
            options.Cookie.HttpOnly = true;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(tabs.Value.SessionMinutes);
            options.SlidingExpiration = false;
            options.Events.OnRedirectToLogin = context => SignInPage.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => SignInPage.WriteForbiddenAsync(context.HttpContext);
        });

        services.AddSingleton<IClaimsTransformation, PortfolioTeamClaims>();
        services.AddSingleton<IAuthorizationHandler, PortfolioTeamHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(PortfolioPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new PortfolioTeamRequirement()));
        return services;
    }

    /// <summary>Token, then the local user on a laptop with no sign-in, then the session cookie (whose absence shows the sign-in page).</summary>
    private static string SelectScheme(HttpContext context)
    {
        var tabs = context.RequestServices.GetRequiredService<IOptions<TabsOptions>>().Value;
        if (!tabs.SignInConfigured)
        {
            return LocalScheme;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme;
    }

    private static void Identify(MicrosoftIdentityOptions options, TabsOptions tabs)
    {
        options.Instance = tabs.Instance;
        // Without an app registration no request reaches these schemes (SelectScheme, and /signin-oidc answers 404),
        // but the sign-in scheme is asked on every request whether it is its callback, so its options must still build.
        options.ClientId = tabs.SignInConfigured ? tabs.ClientId : Guid.Empty.ToString();
        options.TenantId = "organizations";
    }

    private static string[] Audiences(TabsOptions tabs) =>
        [.. new[] { tabs.ClientId, tabs.Resource, $"api://{tabs.ClientId}" }.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!)];

    private sealed record PortfolioTeamRequirement : IAuthorizationRequirement;

    private sealed class PortfolioTeamHandler : AuthorizationHandler<PortfolioTeamRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PortfolioTeamRequirement requirement)
        {
            if (TabUser.From(context.User) is { IsPortfolioTeam: true })
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Marks the portfolio team (Portfolio:Admins, or the local user when so configured) once per request.</summary>
    private sealed class PortfolioTeamClaims(AdminGuard guard, IOptions<TabsOptions> tabs) : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            var user = TabUser.From(principal);
            if (user is null || principal.HasClaim(c => c.Type == TabUser.PortfolioTeamClaim))
            {
                return Task.FromResult(principal);
            }

            var member = guard.IsAdmin(user.ObjectId) || (user.IsLocal && tabs.Value.LocalUser.PortfolioTeam);
            var copy = principal.Clone();
            ((ClaimsIdentity)copy.Identity!).AddClaim(new Claim(TabUser.PortfolioTeamClaim, member ? "true" : "false"));
            return Task.FromResult(copy);
        }
    }
}

/// <summary>
/// Only tokens of the tenants in Bot:AllowedTenants (any tenant when the list is empty), and only from the tenant the
/// token names: the issuer must be the instance's v2 issuer or Entra's v1 issuer of the token's own tid.
/// </summary>
public static class TenantIssuers
{
    public static string Validate(string issuer, SecurityToken token, string instance, IReadOnlyList<string> allowedTenants)
    {
        var tenant = token switch
        {
            Microsoft.IdentityModel.JsonWebTokens.JsonWebToken json => json.TryGetPayloadValue<string>("tid", out var tid) ? tid : null,
            JwtSecurityToken jwt => jwt.Payload.TryGetValue("tid", out var tid) ? tid as string : null,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(tenant) || !Guid.TryParse(tenant, out _))
        {
            throw new SecurityTokenInvalidIssuerException("The token names no tenant.");
        }

        if (allowedTenants.Count > 0 && !allowedTenants.Any(t => string.Equals(t.Trim(), tenant, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SecurityTokenInvalidIssuerException("The token's tenant is not in Bot:AllowedTenants.");
        }

        var v2 = $"{instance.TrimEnd('/')}/{tenant}/v2.0";
        var v1 = $"https://sts.windows.net/{tenant}/";
        return string.Equals(issuer, v2, StringComparison.OrdinalIgnoreCase) || string.Equals(issuer, v1, StringComparison.OrdinalIgnoreCase)
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("The token's issuer is not its tenant's.");
    }
}
