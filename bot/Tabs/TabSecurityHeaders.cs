using Microsoft.Extensions.Options;

namespace AdoptionBot.Tabs;

/// <summary>
/// Headers of every tab response: only Teams and Microsoft 365 may frame it, scripts only from this service, no
/// address passed on to other sites, nothing personal kept in a cache.
/// </summary>
internal sealed class TabSecurityHeaders(RequestDelegate next, IOptions<TabsOptions> options)
{
    private static readonly List<string> Fixed =
    [
        "default-src 'self'",
        "script-src 'self'",
        // Fluent UI's web components set styles on their own elements.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        // The Teams JavaScript library reads Teams' list of valid host origins from Microsoft's CDN.
        "connect-src 'self' https://res.cdn.office.net",
        "base-uri 'self'",
        "object-src 'none'",
    ];

    private readonly string _policy = string.Join("; ", Fixed.Append($"form-action 'self' {new Uri(options.Value.Instance).GetLeftPart(UriPartial.Authority)}").Append($"frame-ancestors 'self' {string.Join(' ', options.Value.FrameAncestors)}"));

    public static bool Covers(PathString path) =>
        path.StartsWithSegments("/tabs") || path.StartsWithSegments("/signin-oidc") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework");

    public Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.SignInConfigured && context.Request.Path.StartsWithSegments("/signin-oidc"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (Covers(context.Request.Path))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.Path.StartsWithSegments("/tabs") && !Path.HasExtension(context.Request.Path.Value))
            {
                // As antiforgery sets it on pages with a form; anything less, and it logs a warning on every page view.
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }
        }

        return next(context);
    }
}
