using Microsoft.Playwright;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// The system's Chromium (Debian's package; another build through ADOPTIONBOT_CHROMIUM) driven by Playwright, headless,
/// for the tabs' pages as a person sees them. Playwright's own browser downloads are never used: .ci/run installs the
/// chromium package. The browser starts on the first page opened and serves every test of the fixture; each page gets a
/// fresh context, so no cookie or token passes from one test to another.
/// </summary>
public sealed class TabBrowser : IAsyncLifetime
{
    public const string ExecutableVariable = "ADOPTIONBOT_CHROMIUM";
    public const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly SemaphoreSlim _launching = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium executable the tests use.</summary>
    public static string Executable => Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutable;

    /// <summary>
    /// Opens <paramref name="address"/> in a new context that sends <paramref name="bearerToken"/> (when given) as the
    /// Authorization header of every request, as a Teams tab page would with its token, in Teams'
    /// <paramref name="theme"/> (default, dark or contrast, passed as Teams does in the address and as the colour scheme).
    /// </summary>
    /// <param name="viewport">The window in CSS pixels (1280 × 900 unless given; half of each is that window at 200 % zoom).</param>
    public async Task<TabBrowserPage> OpenAsync(Uri address, string? bearerToken = null, string theme = "default", (int Width, int Height)? viewport = null)
    {
        var browser = await BrowserAsync();
        var options = new BrowserNewContextOptions
        {
            ColorScheme = theme == "default" ? ColorScheme.Light : ColorScheme.Dark,
            ForcedColors = theme == "contrast" ? ForcedColors.Active : ForcedColors.None,
            ViewportSize = new ViewportSize { Width = viewport?.Width ?? 1280, Height = viewport?.Height ?? 900 },
            // The stand-ins for cloud services (the sign-in's among them) serve HTTPS with a self-signed certificate.
            IgnoreHTTPSErrors = true,
        };
        if (bearerToken is not null)
        {
            options.ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + bearerToken };
        }

        var context = await browser.NewContextAsync(options);
        try
        {
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(WithTheme(address, theme).ToString());
            return new TabBrowserPage(context, page, response);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _launching.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launching.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            if (!File.Exists(Executable))
            {
                throw new InvalidOperationException(
                    $"No Chromium at {Executable}: install Debian's chromium package (.ci/run does) or set {ExecutableVariable} to a Chromium executable.");
            }

            // Playwright must never fetch a browser of its own: there is no internet here, and the system's is the one under test.
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = Arguments,
            });
            return _browser;
        }
        finally
        {
            _launching.Release();
        }
    }

    private static Uri WithTheme(Uri address, string theme)
    {
        var builder = new UriBuilder(address);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? "" : query + "&") + "theme=" + Uri.EscapeDataString(theme);
        return builder.Uri;
    }
}

/// <summary>A page opened by <see cref="TabBrowser"/>, with the response to its address; disposing it closes its context.</summary>
public sealed class TabBrowserPage(IBrowserContext context, IPage page, IResponse? response) : IAsyncDisposable
{
    public IPage Page => page;

    /// <summary>The HTTP status of the page's own address (not of its scripts or styles).</summary>
    public int Status => response?.Status ?? 0;

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
