using System.Net;
using System.Net.Http.Headers;
using AdoptionBot.Tabs;
using AdoptionBot.Tabs.Identity;
using AdoptionBot.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using TokenKey = AdoptionBot.Tests.Support.StandInTabIdentity.TokenKey;

namespace AdoptionBot.Tests.Tabs;

/// <summary>
/// Who gets into the tabs with an app registration set: a valid Entra token of an allowed tenant (or the session it was
/// traded for) and nobody else; the portfolio team's pages only for Portfolio:Admins; the browser sign-in never sends
/// anyone to another site. Every probe of a refused token is made as the admin, so the token alone is what is refused.
/// </summary>
[Collection(SignedInTabsCollection.Name)]
public sealed class TabSignInTests(SignedInTabs tabs)
{
    private const string SessionCookie = "adoptionbot-tab";

    [Fact]
    public async Task EmployeeToken_MyIdeas_Gets200WithTheirName()
    {
        using var response = await GetPageAsync("/tabs/my-ideas", tabs.TokenFor(SignedInTabs.Employee));

        await AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Contains(SignedInTabs.Employee.Name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmployeeToken_PortfolioBoard_Gets403WithThePortfolioTeamPage()
    {
        using var response = await GetPageAsync("/tabs/portfolio", tabs.TokenFor(SignedInTabs.Employee));

        await AssertStatusAsync(HttpStatusCode.Forbidden, response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This page is for the portfolio team", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Portfolio board", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmployeeToken_PortfolioExport_Gets403AndNoWorkbook()
    {
        using var client = tabs.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tabs/portfolio/export");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tabs.TokenFor(SignedInTabs.Employee));

        using var response = await client.SendAsync(request);

        await AssertStatusAsync(HttpStatusCode.Forbidden, response);
        Assert.NotEqual(TabExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AdminToken_PortfolioBoard_Gets200WithTheBoardAndTheirName()
    {
        using var response = await GetPageAsync("/tabs/portfolio", tabs.TokenFor(SignedInTabs.Admin));

        await AssertStatusAsync(HttpStatusCode.OK, response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Portfolio board</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"signed-in\">{SignedInTabs.Admin.Name}</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Local development user", html, StringComparison.Ordinal);
        Assert.True(tabs.Identity.KeyFetches >= 1, "the bot checked the signature against the stand-in's published keys");
    }

    [Fact]
    public async Task AdminToken_PortfolioExport_Gets200WithAnExcelWorkbook()
    {
        using var client = tabs.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tabs/portfolio/export");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tabs.TokenFor(SignedInTabs.Admin));

        using var response = await client.SendAsync(request);

        await AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(TabExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var workbook = await response.Content.ReadAsByteArrayAsync();
        Assert.True(workbook.Length > 4 && workbook[0] == (byte)'P' && workbook[1] == (byte)'K', "an xlsx file is a ZIP archive");
    }

    [Theory]
    [InlineData("client id")]
    [InlineData("application ID URI")]
    [InlineData("api://client id")]
    public async Task TokenForAnyOfTheAppsAudiences_IsAccepted(string audience)
    {
        var token = tabs.Identity.CreateToken(SignedInTabs.Admin, audience switch
        {
            "client id" => SignedInTabs.ClientId,
            "application ID URI" => SignedInTabs.Resource,
            _ => "api://" + SignedInTabs.ClientId,
        });

        using var response = await GetPageAsync("/tabs/portfolio", token);

        await AssertStatusAsync(HttpStatusCode.OK, response);
    }

    [Theory]
    [InlineData("another tenant")]
    [InlineData("issued by another tenant than its own")]
    [InlineData("wrong audience")]
    [InlineData("signed with a key that was never published")]
    [InlineData("expired")]
    [InlineData("not a JWT")]
    public async Task RefusedToken_PortfolioBoard_Gets401AndNothingOfThePage(string kind)
    {
        var token = RefusedToken(kind);

        using var response = await GetPageAsync("/tabs/portfolio", token);

        await AssertStatusAsync(HttpStatusCode.Unauthorized, response);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.DoesNotContain("Portfolio board", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SetCookie(response, SessionCookie));
        Assert.DoesNotContain(token.Split('.')[^1], tabs.Bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_PortfolioBoard_Gets401WithoutAPage()
    {
        using var client = tabs.Client();

        using var response = await client.GetAsync(new Uri("/tabs/portfolio", UriKind.Relative));

        await AssertStatusAsync(HttpStatusCode.Unauthorized, response);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NoToken_BrowserGet_Gets401WithTheSignInPage()
    {
        using var response = await GetPageAsync("/tabs/portfolio", bearerToken: null);

        await AssertStatusAsync(HttpStatusCode.Unauthorized, response);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<main id=\"signin\" data-signin=\"/tabs/signin\" data-session=\"/tabs/auth/session\">", html, StringComparison.Ordinal);
        Assert.Contains("Signing you in", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Portfolio board", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedSessionCookie_PortfolioBoard_Gets401()
    {
        using var client = tabs.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tabs/portfolio");
        request.Headers.Add("Cookie", $"{SessionCookie}=CfDJ8-not-a-session-the-bot-made");

        using var response = await client.SendAsync(request);

        await AssertStatusAsync(HttpStatusCode.Unauthorized, response);
    }

    [Fact]
    public async Task SessionPost_ValidToken_Gets204AndAnHttpOnlyCookieThatAloneSignsInLaterPages()
    {
        using var client = tabs.Client();

        using var session = await PostSessionAsync(client, tabs.TokenFor(SignedInTabs.Admin));

        await AssertStatusAsync(HttpStatusCode.NoContent, session);
        var cookie = SetCookie(session, SessionCookie);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/tabs/portfolio");
        page.Headers.Accept.ParseAdd("text/html");
        page.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var response = await client.SendAsync(page);

        await AssertStatusAsync(HttpStatusCode.OK, response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Portfolio board</h1>", html, StringComparison.Ordinal);
        Assert.Contains(SignedInTabs.Admin.Name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_OfAnEmployee_KeepsThemOffThePortfolioTeamsPages()
    {
        using var client = tabs.Client();
        using var session = await PostSessionAsync(client, tabs.TokenFor(SignedInTabs.Employee));
        await AssertStatusAsync(HttpStatusCode.NoContent, session);
        var cookie = SetCookie(session, SessionCookie) ?? throw new InvalidOperationException("The session answer set no cookie.");

        using var page = new HttpRequestMessage(HttpMethod.Get, "/tabs/portfolio");
        page.Headers.Accept.ParseAdd("text/html");
        page.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var response = await client.SendAsync(page);

        await AssertStatusAsync(HttpStatusCode.Forbidden, response);
        Assert.Contains("This page is for the portfolio team", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another tenant")]
    [InlineData("expired")]
    [InlineData("signed with a key that was never published")]
    [InlineData("no token")]
    public async Task SessionPost_RefusedToken_Gets401AndNoCookie(string kind)
    {
        using var client = tabs.Client();

        using var response = await PostSessionAsync(client, kind == "no token" ? null : RefusedToken(kind));

        await AssertStatusAsync(HttpStatusCode.Unauthorized, response);
        Assert.Null(SetCookie(response, SessionCookie));
    }

    [Theory]
    [InlineData("a page")]
    [InlineData("the sign-in page")]
    public async Task TabResponse_HasTheSecurityHeaders(string which)
    {
        using var response = await GetPageAsync("/tabs/portfolio", which == "a page" ? tabs.TokenFor(SignedInTabs.Admin) : null);

        await AssertStatusAsync(which == "a page" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        var ancestors = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal)).Split(' ')[1..];
        Assert.Contains("https://teams.microsoft.com", ancestors);
        Assert.DoesNotContain("*", ancestors);
        Assert.All(ancestors, source => Assert.True(source == "'self'" || source.StartsWith("https://", StringComparison.Ordinal), $"frame-ancestors source {source}"));
        Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(',', response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TabPage_IsNotLimitedToItsOwnSiteByXFrameOptions()
    {
        using var response = await GetPageAsync("/tabs/portfolio", tabs.TokenFor(SignedInTabs.Admin));

        await AssertStatusAsync(HttpStatusCode.OK, response);
        // Teams frames the tab from another site: an X-Frame-Options of SAMEORIGIN or DENY would contradict frame-ancestors.
        Assert.False(response.Headers.Contains("X-Frame-Options"), $"X-Frame-Options: {string.Join(',', response.Headers.TryGetValues("X-Frame-Options", out var v) ? v : [])}");
    }

    [Fact]
    public async Task SignIn_ReturnUrlOfAnotherSite_GoesToTheStandInAndComesBackToTheTabs()
    {
        using var client = tabs.Client();

        var (authorize, cookies) = await ChallengeAsync(client, "https://evil.example/");

        Assert.DoesNotContain("evil.example", Uri.UnescapeDataString(authorize.ToString()), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(tabs.Identity.AuthorizeEndpoint(SignedInTabs.Tenant), authorize.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(SignedInTabs.ClientId, query["client_id"].ToString());
        Assert.Equal(new Uri(tabs.Bot.BaseAddress, "/signin-oidc").ToString(), query["redirect_uri"].ToString());

        using var back = await AnswerSignInAsync(client, query, cookies, SignedInTabs.Admin);

        await AssertStatusAsync(HttpStatusCode.Found, back);
        Assert.Equal("/tabs/my-ideas", back.Headers.Location?.OriginalString);
        Assert.NotNull(SetCookie(back, SessionCookie));
    }

    [Fact]
    public async Task SignIn_ReturnUrlOfATab_ComesBackThereSignedIn()
    {
        using var client = tabs.Client();
        var (authorize, cookies) = await ChallengeAsync(client, "/tabs/portfolio?stage=pilot");

        using var back = await AnswerSignInAsync(client, QueryHelpers.ParseQuery(authorize.Query), cookies, SignedInTabs.Admin);

        await AssertStatusAsync(HttpStatusCode.Found, back);
        Assert.Equal("/tabs/portfolio?stage=pilot", back.Headers.Location?.OriginalString);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/tabs/portfolio");
        page.Headers.Accept.ParseAdd("text/html");
        page.Headers.Add("Cookie", SetCookie(back, SessionCookie)!.Split(';')[0]);
        using var response = await client.SendAsync(page);
        await AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Contains(SignedInTabs.Admin.Name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an ID token of another tenant")]
    [InlineData("an ID token for another sign-in (nonce)")]
    [InlineData("Entra's error: the user cancelled")]
    [InlineData("without the sign-in's cookies")]
    public async Task SignIn_RefusedAnswer_Gets401PageAndNoSession(string answer)
    {
        using var client = tabs.Client();
        var (authorize, cookies) = await ChallengeAsync(client, "/tabs/portfolio");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        var state = query["state"].ToString();
        var nonce = query["nonce"].ToString();

        using var back = await PostSignInAnswerAsync(client, answer == "without the sign-in's cookies" ? "" : cookies, answer switch
        {
            "an ID token of another tenant" => new()
            {
                ["id_token"] = tabs.Identity.CreateIdToken(SignedInTabs.Admin with { TenantId = SignedInTabs.OtherTenant }, SignedInTabs.ClientId, nonce),
                ["state"] = state,
            },
            "an ID token for another sign-in (nonce)" => new()
            {
                ["id_token"] = tabs.Identity.CreateIdToken(SignedInTabs.Admin, SignedInTabs.ClientId, "a-nonce-of-another-sign-in"),
                ["state"] = state,
            },
            "Entra's error: the user cancelled" => new() { ["error"] = "access_denied", ["error_description"] = "The user cancelled.", ["state"] = state },
            _ => new() { ["id_token"] = tabs.Identity.CreateIdToken(SignedInTabs.Admin, SignedInTabs.ClientId, nonce), ["state"] = state },
        });

        await AssertStatusAsync(HttpStatusCode.Unauthorized, back);
        var html = await back.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in did not complete", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"signin\"", html, StringComparison.Ordinal);
        Assert.Null(SetCookie(back, SessionCookie));
    }

    [Theory]
    [InlineData("/tabs/portfolio\r\nSet-Cookie: planted=1")]
    [InlineData("/tabs/portfolio/unit/Einkauf-Ä")]
    public async Task SignIn_ReturnUrlThatCannotBeAHeader_ComesBackToMyIdeas(string returnUrl)
    {
        using var client = tabs.Client();
        var (authorize, cookies) = await ChallengeAsync(client, returnUrl);

        using var back = await AnswerSignInAsync(client, QueryHelpers.ParseQuery(authorize.Query), cookies, SignedInTabs.Employee);

        await AssertStatusAsync(HttpStatusCode.Found, back);
        Assert.Equal("/tabs/my-ideas", back.Headers.Location?.OriginalString);
        Assert.Null(SetCookie(back, "planted"));
    }

    [Theory]
    [InlineData("/tabs/portfolio", "/tabs/portfolio")]
    [InlineData("/tabs/portfolio/unit/Purchasing?stage=pilot", "/tabs/portfolio/unit/Purchasing?stage=pilot")]
    [InlineData(null, "/tabs/my-ideas")]
    [InlineData("", "/tabs/my-ideas")]
    [InlineData("https://evil.example/", "/tabs/my-ideas")]
    [InlineData("https://evil.example/tabs/portfolio", "/tabs/my-ideas")]
    [InlineData("//evil.example/tabs/", "/tabs/my-ideas")]
    [InlineData("/\\evil.example/tabs/", "/tabs/my-ideas")]
    [InlineData("/tabs/\\\\evil.example", "/tabs/my-ideas")]
    [InlineData("/api/messages", "/tabs/my-ideas")]
    [InlineData("/TABS/portfolio", "/tabs/my-ideas")]
    [InlineData("tabs/portfolio", "/tabs/my-ideas")]
    [InlineData("javascript:alert(1)//tabs/", "/tabs/my-ideas")]
    [InlineData("/tabs/portfolio\r\nSet-Cookie: planted=1", "/tabs/my-ideas")]
    [InlineData("/tabs/portfolio/unit/Einkauf-Ä", "/tabs/my-ideas")]
    [InlineData("/tabs/portfolio/unit/After Sales", "/tabs/my-ideas")]
    [InlineData("/tabs/portfolio/unit/After%20Sales", "/tabs/portfolio/unit/After%20Sales")]
    public void LocalPath_KeepsOnlyPathsOfTheTabs(string? returnUrl, string expected)
    {
        Assert.Equal(expected, TabSessionEndpoints.LocalPath(returnUrl));
    }

    [Fact]
    public void LocalPath_OverLongPath_IsReplaced()
    {
        Assert.Equal("/tabs/my-ideas", TabSessionEndpoints.LocalPath("/tabs/" + new string('a', 600)));
    }

    private string RefusedToken(string kind)
    {
        var identity = tabs.Identity;
        var admin = SignedInTabs.Admin;
        return kind switch
        {
            "another tenant" => identity.CreateToken(admin with { TenantId = SignedInTabs.OtherTenant }, SignedInTabs.ClientId),
            "issued by another tenant than its own" => identity.CreateToken(admin, SignedInTabs.ClientId, issuer: identity.Issuer(SignedInTabs.OtherTenant)),
            "wrong audience" => identity.CreateToken(admin, "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
            "signed with a key that was never published" => identity.CreateToken(admin, SignedInTabs.ClientId, key: TokenKey.Unpublished),
            "expired" => identity.CreateToken(admin, SignedInTabs.ClientId, expires: TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-30)),
            "not a JWT" => "definitely-not-a-jwt-token-value",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>A browser's GET of a page (Accept: text/html), with the token when given.</summary>
    private async Task<HttpResponseMessage> GetPageAsync(string path, string? bearerToken)
    {
        using var client = tabs.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    }

    private static async Task<HttpResponseMessage> PostSessionAsync(HttpClient client, string? bearerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tabs/auth/session");
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Asks for the browser sign-in: where the bot sends the browser, and the cookies it set on the way.</summary>
    private async Task<(Uri Authorize, string Cookies)> ChallengeAsync(HttpClient client, string returnUrl)
    {
        using var response = await client.GetAsync(new Uri("/tabs/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        await AssertStatusAsync(HttpStatusCode.Found, response);
        var location = response.Headers.Location ?? throw new InvalidOperationException("The sign-in redirect has no Location.");
        var cookies = string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);
        return (location, cookies);
    }

    /// <summary>What the browser posts back after Entra signed <paramref name="user"/> in: the ID token and the state, with the challenge's cookies.</summary>
    private Task<HttpResponseMessage> AnswerSignInAsync(HttpClient client, Dictionary<string, StringValues> query, string cookies, TabTokenUser user)
    {
        Assert.Equal("form_post", query["response_mode"].ToString());
        return PostSignInAnswerAsync(client, cookies, new()
        {
            ["id_token"] = tabs.Identity.CreateIdToken(user, SignedInTabs.ClientId, query["nonce"].ToString()),
            ["state"] = query["state"].ToString(),
        });
    }

    private static async Task<HttpResponseMessage> PostSignInAnswerAsync(HttpClient client, string cookies, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin-oidc") { Content = new FormUrlEncodedContent(form) };
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The Set-Cookie header that sets <paramref name="name"/>, or null.</summary>
    private static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal) && !v.StartsWith(name + "=;", StringComparison.Ordinal))
            : null;

    /// <summary>Fails with the status, the start of the body and the end of the bot's log.</summary>
    private async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected}, got {(int)response.StatusCode}. Body starts:\n{body[..Math.Min(body.Length, 400)]}\nThe bot's log ends:\n{tabs.LogTail()}");
        }
    }
}
