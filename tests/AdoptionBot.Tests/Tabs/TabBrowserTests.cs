using AdoptionBot.Tests.Support;
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
}
