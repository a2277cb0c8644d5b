using System.Diagnostics;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;
using Microsoft.Playwright;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// The Teams tabs on a portfolio of many use cases, on the embedded default and the laptop's local user (no sign-in):
/// how long the server takes to answer the board, a use case's page and the matrix, and how soon the board is usable in
/// headless Chromium (largest contentful paint, from the page's own performance timeline).
/// </summary>
internal static class TabsBenchmark
{
    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task<int> RunAsync(string[] args)
    {
        var useCases = CommandLine.IntArg(args, "--use-cases", 5000);
        var requests = CommandLine.IntArg(args, "--requests", 200);
        var loads = CommandLine.IntArg(args, "--loads", 20);
        var data = Directory.CreateTempSubdirectory("adoptionbot-tabs-bench-").FullName;
        try
        {
            using var bot = new BotServer(BotSettings.ForBenchmarks(data));
            await BotServices.StartAndWaitUntilReadyAsync(bot);
            var seeded = await IdeasBenchmark.SeedPortfolioAsync(bot.Services, useCases);
            using var client = new HttpClient { BaseAddress = bot.BaseAddress };
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

            Console.WriteLine($"Tabs with a portfolio of {useCases} use cases ({requests} requests each, after 10 to warm up):");
            foreach (var (what, path) in new[] { ("board", "/tabs/portfolio"), ("use case page", $"/tabs/portfolio/usecase/{seeded[0]}"), ("matrix", "/tabs/portfolio/matrix") })
            {
                var times = await TimeAsync(client, path, requests);
                Console.WriteLine($"  {what,-14} server response p50 {CommandLine.Percentile(times, 50):F1} ms, p95 {CommandLine.Percentile(times, 95):F1} ms, max {times.Max():F1} ms");
            }

            var paints = await LargestContentfulPaintsAsync(new Uri(bot.BaseAddress, "/tabs/portfolio"), loads);
            Console.WriteLine($"  board in headless Chromium ({loads} loads, each in a new context): largest contentful paint p50 {CommandLine.Percentile(paints, 50):F0} ms, p95 {CommandLine.Percentile(paints, 95):F0} ms, max {paints.Max():F0} ms");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // the OS cleans temp folders
            }
        }
    }

    private static async Task<List<double>> TimeAsync(HttpClient client, string path, int count)
    {
        var times = new List<double>();
        for (var i = -10; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode || !body.Contains("</main>", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
            }

            if (i >= 0)
            {
                times.Add(elapsed);
            }
        }

        return times;
    }

    private static async Task<List<double>> LargestContentfulPaintsAsync(Uri board, int loads)
    {
        using var playwright = await Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable("ADOPTIONBOT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ChromiumArguments });
        var paints = new List<double>();
        for (var i = -2; i < loads; i++)
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(board.ToString(), new() { WaitUntil = WaitUntilState.Load });
            // The last largest-contentful-paint entry, buffered since navigation began.
            var paint = await page.EvaluateAsync<double>("""
                () => new Promise(resolve => {
                  new PerformanceObserver(list => {
                    const entries = list.getEntries();
                    resolve(entries[entries.length - 1].startTime);
                  }).observe({ type: 'largest-contentful-paint', buffered: true });
                })
                """);
            if (i >= 0)
            {
                paints.Add(paint);
            }
        }

        return paints;
    }
}
