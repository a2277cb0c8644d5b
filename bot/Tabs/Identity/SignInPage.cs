using System.Net;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tabs.Identity;

/// <summary>
/// What a tab answers a request that nobody is signed in to: a short page whose script asks Teams for the user's token
/// (and, outside Teams, sends the browser to the sign-in), or says that the tabs have no sign-in configured. A request
/// that is not a page (a token that failed, a script) gets the bare status.
/// </summary>
internal static class SignInPage
{
    public static async Task WriteAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (!WantsPage(context.Request))
        {
            return;
        }

        var tabs = context.RequestServices.GetRequiredService<IOptions<TabsOptions>>().Value;
        var body = tabs.SignInConfigured
            ? """
              <main id="signin" data-signin="/tabs/signin" data-session="/tabs/auth/session">
                <h1>Signing you in…</h1>
                <p id="signin-status" role="status">One moment while Teams confirms who you are.</p>
                <p><a id="signin-link" href="/tabs/signin">Sign in with your work account</a></p>
              </main>
              """
            : """
              <main>
                <h1>Sign-in is not set up</h1>
                <p>These pages need the tabs' app registration (setting Tabs:ClientId, see infra/bicep/README.md). Without it they open only on the computer that runs the bot in local mode.</p>
              </main>
              """;
        await WriteHtmlAsync(context, "Sign in", body);
    }

    /// <summary>The answer to a browser sign-in that came back refused; Entra posts it back, so it is a page whatever the request.</summary>
    public static Task WriteFailedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return WriteHtmlAsync(
            context,
            "Sign-in did not complete",
            """
            <main>
              <h1>Sign-in did not complete</h1>
              <p>The sign-in with your work account came back without a valid answer, so nobody is signed in here. <a href="/tabs/signin">Try again</a></p>
            </main>
            """);
    }

    public static async Task WriteForbiddenAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (WantsPage(context.Request))
        {
            await WriteHtmlAsync(
                context,
                "Portfolio team only",
                """
                <main>
                  <h1>This page is for the portfolio team</h1>
                  <p>You can follow your own ideas and browse the published use cases under <a href="/tabs/my-ideas">My ideas</a>.</p>
                </main>
                """);
        }
    }

    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task WriteHtmlAsync(HttpContext context, string title, string main)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var theme = TabTheme.From(context.Request.Query["theme"]);
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en" data-theme="{theme}">
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1" />
              <title>{WebUtility.HtmlEncode(title)} · AdoptionBot</title>
              <link rel="stylesheet" href="/tabs/tabs.css" />
              <script src="/tabs/lib/MicrosoftTeams.min.js" defer></script>
              <script src="/tabs/tabs.js" defer></script>
            </head>
            <body no-fuib-style>{main}</body>
            </html>
            """);
    }
}
