using AdoptionBot.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdoptionBot.Tests.Tabs;

/// <summary>The tabs in Chromium, signed in with a token as Teams' tab would be: what the person actually sees.</summary>
[Collection(SignedInTabsCollection.Name)]
public sealed class TabBrowserTests(SignedInTabs tabs, TabBrowser browser)
{
    [Fact]
    public async Task AdminToken_PortfolioBoard_ShowsTheBoardInChromium()
    {
        await using var tab = await browser.OpenAsync(new Uri(tabs.Bot.BaseAddress, "/tabs/portfolio"), tabs.TokenFor(SignedInTabs.Admin));

        Assert.Equal(200, tab.Status);
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio board", Level = 1 })).ToBeVisibleAsync();
        await Expect(tab.Page.Locator(".signed-in")).ToHaveTextAsync(SignedInTabs.Admin.Name);
    }

    [Fact]
    public async Task EmployeeToken_PortfolioBoard_ShowsThePortfolioTeamPageInChromium()
    {
        await using var tab = await browser.OpenAsync(new Uri(tabs.Bot.BaseAddress, "/tabs/portfolio"), tabs.TokenFor(SignedInTabs.Employee));

        Assert.Equal(403, tab.Status);
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "This page is for the portfolio team" })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText("Portfolio board")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task NoToken_PortfolioBoard_SendsAPlainBrowserToTheSignIn()
    {
        var signIn = tabs.Identity.AuthorizeEndpoint(SignedInTabs.Tenant);

        await using var tab = await browser.OpenAsync(new Uri(tabs.Bot.BaseAddress, "/tabs/portfolio"));

        Assert.Equal(401, tab.Status);
        await tab.Page.WaitForURLAsync(url => url.StartsWith(signIn + "?", StringComparison.Ordinal));
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Stand-in sign-in" })).ToBeVisibleAsync();
        var query = QueryHelpers.ParseQuery(new Uri(tab.Page.Url).Query);
        Assert.Equal(SignedInTabs.ClientId, query["client_id"].ToString());
        Assert.Equal(new Uri(tabs.Bot.BaseAddress, "/signin-oidc").ToString(), query["redirect_uri"].ToString());
    }

    [Theory]
    [InlineData("admin", "default")]
    [InlineData("admin", "dark")]
    [InlineData("admin", "contrast")]
    [InlineData("employee", "default")]
    [InlineData("employee", "dark")]
    public async Task PortfolioBoard_InEachTheme_HasNoAxeViolations(string who, string theme)
    {
        var user = who == "admin" ? SignedInTabs.Admin : SignedInTabs.Employee;
        await using var tab = await browser.OpenAsync(new Uri(tabs.Bot.BaseAddress, "/tabs/portfolio"), tabs.TokenFor(user), theme);
        await Expect(tab.Page.Locator("h1")).ToBeVisibleAsync();

        var results = await tab.Page.RunAxe();

        Assert.True(
            results.Violations.Length == 0,
            string.Join('\n', results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
