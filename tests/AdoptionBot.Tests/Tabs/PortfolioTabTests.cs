using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdoptionBot.Tests.Tabs;

/// <summary>
/// The tabs at work in Chromium, on the bot process of <see cref="SignedInTabs"/> and its test catalogue (UC-101 After
/// Sales, pilot, Jonas Brandt; UC-102 Purchasing, proof of concept, Lena Vogt): the board and its filters, a gate tick
/// made in the tab seen in the bot's card and the other way round, an employee's own ideas, axe on every page.
/// </summary>
[Collection(SignedInTabsCollection.Name)]
public sealed partial class PortfolioTabTests(SignedInTabs tabs, TabBrowser browser) : IAsyncLifetime
{
    private StandInConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await StandInConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Board_ShowsTheSeededUseCases_AndEachFilterNarrowsIt()
    {
        await using var tab = await OpenAsync("/tabs/portfolio", SignedInTabs.Admin);
        var page = tab.Page;
        Assert.Equal(["UC-101", "UC-102"], await CardsAsync(page));

        await page.SelectOptionAsync("#f-unit", "Purchasing");
        await FilterAsync(page);
        Assert.Equal(["UC-102"], await CardsAsync(page));

        await page.SelectOptionAsync("#f-unit", "");
        await page.SelectOptionAsync("#f-stage", "pilot");
        await FilterAsync(page);
        Assert.Equal(["UC-101"], await CardsAsync(page));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Proof of concept" })).ToHaveCountAsync(0);

        await page.SelectOptionAsync("#f-stage", "");
        await page.SelectOptionAsync("#f-owner", "Lena Vogt");
        await FilterAsync(page);
        Assert.Equal(["UC-102"], await CardsAsync(page));

        await page.SelectOptionAsync("#f-owner", "");
        await page.FillAsync("#f-text", "warranty");
        await FilterAsync(page);
        Assert.Equal(["UC-101"], await CardsAsync(page));

        await page.FillAsync("#f-text", "");
        await page.SelectOptionAsync("#f-class", "high-risk");
        await FilterAsync(page);
        Assert.Empty(await CardsAsync(page));
        await Expect(page.Locator("#board-summary")).ToContainTextAsync("0 of 2 use cases match");

        await page.SelectOptionAsync("#f-class", "");
        await page.CheckAsync("#f-overdue");
        await FilterAsync(page);
        Assert.Empty(await CardsAsync(page));

        // The channel tab of one business unit: its use cases only, and no unit filter to leave it.
        await page.GotoAsync(new Uri(tabs.Bot.BaseAddress, "/tabs/portfolio/unit/Purchasing").ToString());
        Assert.Equal(["UC-102"], await CardsAsync(page));
        await Expect(page.Locator("#f-unit")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("/tabs/portfolio")]
    [InlineData("/tabs/portfolio/usecase/2")]
    [InlineData("/tabs/my-ideas/new")]
    public async Task Page_At200PercentZoom_NeedsNoSidewaysScrolling(string path)
    {
        // 200 % zoom of a 1280 × 900 window lays the page out in 640 × 450 CSS pixels.
        await using var tab = await browser.OpenAsync(new Uri(tabs.Bot.BaseAddress, path), tabs.TokenFor(SignedInTabs.Admin), viewport: (640, 450));
        await Expect(tab.Page.Locator("h1")).ToBeVisibleAsync();

        var overflow = await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than the window at 200 %");
    }

    [Fact]
    public async Task GateTick_MadeInTheTab_IsInTheBotsIdeaCard_AndOneMadeInTheBot_IsInTheTab()
    {
        await using var tab = await OpenAsync("/tabs/portfolio", SignedInTabs.Admin);
        var page = tab.Page;
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^UC-102 ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("UC-102");
        var ideaId = int.Parse(UseCaseNumber().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // In the tab: the portfolio team ticks the security review with its evidence.
        var security = page.Locator("li[data-criterion='security-review']");
        await security.Locator("input[type=url]").FillAsync("https://tickets.example/SEC-4711");
        await security.GetByRole(AriaRole.Button, new() { Name = "Tick" }).ClickAsync();
        await Expect(page.Locator("li[data-criterion='security-review']")).ToContainTextAsync($"ticked by {SignedInTabs.Admin.Name}");
        // The evidence someone typed is text, as in the bot's card, never a link.
        await Expect(page.Locator("li[data-criterion='security-review'] .evidence")).ToHaveTextAsync("https://tickets.example/SEC-4711");
        await Expect(page.Locator("li[data-criterion='security-review'] a")).ToHaveCountAsync(0);

        // In the bot: "idea UC-102" in the admin's 1:1 chat shows that tick, by whom, with the link.
        var card = await AskBotAsync("idea UC-102");
        Assert.Contains($"✅ Security review by the CISO office (link the review ticket) — {SignedInTabs.Admin.Name}", card, StringComparison.Ordinal);
        Assert.Contains("https://tickets.example/SEC-4711", card, StringComparison.Ordinal);
        Assert.Contains("⬜ Production keys on the AI Gateway", card, StringComparison.Ordinal);

        // In the bot: the Tick button of the production keys, pressed by another member of the portfolio team.
        var pressed = await PressInBotAsync(new JsonObject
        {
            ["verb"] = "portfolio.tick",
            ["ideaId"] = $"IDEA-{ideaId:D4}",
            ["stage"] = "pilot",
            ["criterion"] = "production-keys",
            ["link.production-keys"] = "https://gateway.example/keys/uc-102",
        });
        Assert.True(pressed.IsSuccessStatusCode, await pressed.Content.ReadAsStringAsync());

        // In the tab, on the next look: ticked, by whom, with the link; the security review still ticked.
        await page.GotoAsync(page.Url);
        var keys = page.Locator("li[data-criterion='production-keys']");
        await Expect(keys).ToContainTextAsync("Met");
        await Expect(keys).ToContainTextAsync($"ticked by {BotAdminName}");
        await Expect(keys.Locator(".evidence")).ToHaveTextAsync("https://gateway.example/keys/uc-102");
        await Expect(page.Locator("li[data-criterion='security-review']")).ToContainTextAsync("Met");
    }

    [Fact]
    public async Task Employee_SubmitsAnIdeaInTheTab_SeesOnlyTheirOwn_AndCannotOpenItsPortfolioPage()
    {
        var title = $"Meeting minutes drafter {Guid.NewGuid():N}"[..40];
        await using (var tab = await OpenAsync("/tabs/my-ideas/new", SignedInTabs.Employee))
        {
            var page = tab.Page;

            // The card's validation: nothing is submitted without a problem and a unit.
            await page.FillAsync("#i-title", title);
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit the idea" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nothing was submitted yet");
            await Expect(page.Locator("#i-title")).ToHaveValueAsync(title);

            await page.FillAsync("#i-problem", "Minutes of our weekly supplier meetings take an hour each to write up.");
            await page.SelectOptionAsync("#i-unit", "Purchasing");
            await page.SelectOptionAsync("#i-class", "internal");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit the idea" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your idea is submitted as IDEA-");

            var ideaId = (await page.GetByRole(AriaRole.Status).TextContentAsync())!.Split("as ")[1][..9];

            await page.GotoAsync(new Uri(tabs.Bot.BaseAddress, "/tabs/my-ideas").ToString());
            await Expect(page.Locator("section.my-idea h2")).ToContainTextAsync([title]);
            await Expect(page.Locator($"section.my-idea[data-id='{ideaId}']")).ToContainTextAsync("Submitted since");

            // The portfolio team's first answer, given in its tab, is what the employee then sees.
            await using (var office = await OpenAsync($"/tabs/portfolio/usecase/{int.Parse(ideaId[5..], System.Globalization.CultureInfo.InvariantCulture)}", SignedInTabs.Admin))
            {
                await office.Page.SelectOptionAsync("#answer-kind", "accepted");
                await office.Page.FillAsync("#answer-comment", "Welcome in; an analyst will call you this week.");
                await office.Page.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
                await Expect(office.Page.Locator("#stage")).ToHaveTextAsync("Assessment");
            }

            await page.ReloadAsync();
            await Expect(page.Locator($"section.my-idea[data-id='{ideaId}']")).ToContainTextAsync("Assessment since");
        }

        // Another person's "My ideas" does not show it; the portfolio page of it is not the employee's.
        await using (var admin = await OpenAsync("/tabs/my-ideas", SignedInTabs.Admin))
        {
            await Expect(admin.Page.GetByText(title)).ToHaveCountAsync(0);
        }

        await using var board = await OpenAsync("/tabs/portfolio/usecase/1", SignedInTabs.Employee);
        Assert.Equal(403, board.Status);
        await Expect(board.Page.GetByText("This page is for the portfolio team")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/tabs/portfolio/usecase/2", "default")]
    [InlineData("/tabs/portfolio/usecase/2", "dark")]
    [InlineData("/tabs/portfolio/matrix", "default")]
    [InlineData("/tabs/portfolio/matrix", "dark")]
    [InlineData("/tabs/portfolio/register", "default")]
    [InlineData("/tabs/portfolio/register", "dark")]
    [InlineData("/tabs/portfolio/questions", "default")]
    [InlineData("/tabs/portfolio/questions", "dark")]
    [InlineData("/tabs/my-ideas", "default")]
    [InlineData("/tabs/my-ideas", "dark")]
    [InlineData("/tabs/my-ideas/new", "default")]
    [InlineData("/tabs/my-ideas/new", "dark")]
    [InlineData("/tabs/catalogue", "default")]
    [InlineData("/tabs/catalogue", "dark")]
    [InlineData("/tabs/configure", "default")]
    [InlineData("/tabs/configure", "dark")]
    public async Task EveryPage_InLightAndDark_HasNoSeriousOrCriticalAxeViolation(string path, string theme)
    {
        await using var tab = await browser.OpenAsync(new Uri(tabs.Bot.BaseAddress, path), tabs.TokenFor(SignedInTabs.Admin), theme);
        Assert.Equal(200, tab.Status);
        await Expect(tab.Page.Locator("h1")).ToBeVisibleAsync();

        var results = await tab.Page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>The name the bot knows the portfolio team member by in the activity file the presses are made from.</summary>
    private const string BotAdminName = "Anna Keller";

    private Task<TabBrowserPage> OpenAsync(string path, TabTokenUser user) => browser.OpenAsync(new Uri(tabs.Bot.BaseAddress, path), tabs.TokenFor(user));

    private static async Task FilterAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task<List<string>> CardsAsync(IPage page) =>
        [.. (await page.Locator(".board li.card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)")).Order(StringComparer.Ordinal)];

    /// <summary>A message in the admin's 1:1 chat with the bot process, and the bot's reply as JSON text.</summary>
    private async Task<string> AskBotAsync(string text)
    {
        var activity = AdminActivity("personal-message.json");
        activity["text"] = text;
        var id = activity["id"]!.GetValue<string>();
        using var response = await PostToBotAsync(activity);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await _connector.WaitForAsync(a => a.ReplyToId == id))[^1].Activity.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private async Task<HttpResponseMessage> PressInBotAsync(JsonObject data)
    {
        var activity = AdminActivity("card-action-invoke.json");
        activity["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["verb"]!.GetValue<string>(), ["data"] = data };
        return await PostToBotAsync(activity);
    }

    /// <summary>An activity of the tenant the bot process serves, from the portfolio team, answered to the stand-in connector.</summary>
    private JsonObject AdminActivity(string file)
    {
        var activity = JsonNode.Parse(File.ReadAllText(TestPaths.TestData("Activities", file)))!.AsObject();
        activity["serviceUrl"] = _connector.ServiceUrl;
        activity["id"] = Guid.NewGuid().ToString("N");
        activity["from"]!["aadObjectId"] = SignedInTabs.Admin.ObjectId;
        activity["from"]!["name"] = BotAdminName;
        activity["conversation"]!["tenantId"] = SignedInTabs.Tenant;
        activity["channelData"]!["tenant"] = new JsonObject { ["id"] = SignedInTabs.Tenant };
        return activity;
    }

    private async Task<HttpResponseMessage> PostToBotAsync(JsonObject activity)
    {
        using var client = tabs.Client();
        return await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
    }

    [GeneratedRegex(@"/tabs/portfolio/usecase/(\d+)")]
    private static partial Regex UseCaseNumber();
}
