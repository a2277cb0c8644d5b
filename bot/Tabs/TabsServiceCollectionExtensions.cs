using AdoptionBot.Tabs.Identity;
using AdoptionBot.Tabs.Pages;
using Microsoft.FluentUI.AspNetCore.Components;

namespace AdoptionBot.Tabs;

public static class TabsServiceCollectionExtensions
{
    /// <summary>
    /// The Teams tabs (section "Tabs"): Blazor pages rendered on the server in Fluent UI, on the same services and
    /// rules as the bot: the portfolio board, a use case's page, the matrix, the register, gaps and tickets for the
    /// portfolio team; my ideas, a new idea and the catalogue for everyone.
    /// </summary>
    public static IServiceCollection AddTabs(this IServiceCollection services)
    {
        services.AddOptions<TabsOptions>()
            .BindConfiguration(TabsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTabAuthentication();
        services.AddRazorComponents();
        services.AddFluentUIComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "adoptionbot-form";
            // Who may frame a tab is the Content-Security-Policy's frame-ancestors (Teams, Microsoft 365): antiforgery's
            // X-Frame-Options SAMEORIGIN would say the opposite, and a client that reads only that would show no tab.
            options.SuppressXFrameOptionsHeader = true;
        });
        // Inside Teams the tab is a frame of another site, so its cookies (session, form) are third-party cookies there:
        // sent cross-site (SameSite=None, which needs Secure) and kept apart per top-level site (Partitioned). Over plain
        // http, on a laptop, no browser keeps such a cookie, so there they are first-party (Lax) instead.
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.Secure = CookieSecurePolicy.SameAsRequest;
            options.OnAppendCookie = context => FrameCookie(context.Context, context.CookieOptions);
            options.OnDeleteCookie = context => FrameCookie(context.Context, context.CookieOptions);
        });
        return services;
    }

    /// <summary>The tabs' pages, scripts and sign-in endpoints, with their security headers.</summary>
    public static WebApplication MapTabs(this WebApplication app)
    {
        app.UseMiddleware<TabSecurityHeaders>();
        app.MapStaticAssets();
        app.UseCookiePolicy();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapTabSession();
        app.MapTabExport();
        app.MapGet("/tabs", () => Results.Redirect("/tabs/my-ideas"));
        app.MapRazorComponents<TabApp>();
        return app;
    }

    private static void FrameCookie(HttpContext context, CookieOptions cookie)
    {
        if (!TabSecurityHeaders.Covers(context.Request.Path))
        {
            return;
        }

        cookie.HttpOnly = true;
        if (context.Request.IsHttps)
        {
            cookie.Secure = true;
            cookie.SameSite = SameSiteMode.None;
            cookie.Extensions.Add("Partitioned");
        }
        else
        {
            cookie.SameSite = SameSiteMode.Lax;
        }
    }
}
