using System.Net;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Tabs;

/// <summary>
/// A laptop with no app registration for the tabs (no Tabs:ClientId) and the bot in anonymous mode: a request from this
/// computer is the local development user, and every page says so; a request that came through a proxy is nobody.
/// </summary>
public sealed class TabLocalUserTests(TabLocalUserTests.LocalTabs local) : IClassFixture<TabLocalUserTests.LocalTabs>
{
    [Fact]
    public async Task LoopbackRequest_Board_ShowsTheLocalUserBanner()
    {
        using var response = await GetPageAsync("/tabs/portfolio", forwardedFor: null);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}. The bot's log ends:\n{local.LogTail()}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Local development user", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Portfolio board</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedRequest_Board_Gets401AndNoLocalUser()
    {
        using var response = await GetPageAsync("/tabs/portfolio", forwardedFor: "203.0.113.7");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)response.StatusCode}. The bot's log ends:\n{local.LogTail()}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in is not set up", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Local development user", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Portfolio board", html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetPageAsync(string path, string? forwardedFor)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = local.Bot.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The bot as its own process, anonymous, with no Tabs settings at all.</summary>
    public sealed class LocalTabs : IAsyncLifetime
    {
        public BotProcess Bot { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Bot = BotProcess.Start(new BotSettings()
                .With("MicrosoftAppType", "").With("MicrosoftAppId", "").With("MicrosoftAppPassword", "").With("MicrosoftAppTenantId", "")
                .With("Tabs:ClientId", ""));
            await Bot.WaitUntilReadyAsync();
        }

        public string LogTail() => string.Join('\n', Bot.Output.Split('\n').TakeLast(40));

        public async Task DisposeAsync() => await Bot.DisposeAsync();
    }
}
