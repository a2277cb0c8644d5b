using System.ComponentModel.DataAnnotations;
using AdoptionBot.Core;
using AdoptionBot.Knowledge;
using AdoptionBot.Questions;
using Markdig;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Questions;

/// <summary>
/// Only links to the knowledge base's host and Bot:AllowedLinkHosts stay links; what the filter leaves of any other
/// is rendered with a CommonMark renderer that also turns bare URLs and www. names into links, as Teams does.
/// </summary>
public sealed class AnswerLinksTests
{
    private const string SourceBaseUrl = "https://nordhafen.sharepoint.com/sites/genai/Knowledge";

    private static readonly MarkdownPipeline Renderer = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private readonly AnswerLinks _links = new(
        Options.Create(new BotOptions { AllowedLinkHosts = ["intranet.contoso.com"] }),
        Options.Create(new KnowledgeOptions { SourceBaseUrl = SourceBaseUrl }));

    [Theory]
    [InlineData("See [the guide](https://intranet.contoso.com/genai/guide) [1].", "https://intranet.contoso.com/genai/guide")]
    [InlineData("See [the guide](https://nordhafen.sharepoint.com/sites/genai/Knowledge/guide.md#tools) [1].", "https://nordhafen.sharepoint.com/sites/genai/Knowledge/guide.md#tools")]
    [InlineData("See https://intranet.contoso.com/genai/guide for more.", "https://intranet.contoso.com/genai/guide")]
    [InlineData("See <https://intranet.contoso.com/genai/guide>.", "https://intranet.contoso.com/genai/guide")]
    public void Filter_LinkToAnAllowedHost_KeptAsItWas(string markdown, string href)
    {
        var filtered = _links.Filter(markdown);

        Assert.Equal(markdown, filtered);
        Assert.Equal([href], Links(filtered));
    }

    [Fact]
    public void Filter_AllowedHostInCapitals_Kept()
    {
        const string Markdown = "Read [the guide](HTTPS://INTRANET.Contoso.COM/genai/guide).";

        Assert.Equal(Markdown, _links.Filter(Markdown));
    }

    [Fact]
    public void Filter_MarkdownLinkToAnotherHost_OnlyItsTextRemains()
    {
        var filtered = _links.Filter("Please [re-verify](https://evil.example/login) your account [1].");

        Assert.Equal("Please re-verify your account [1].", filtered);
        Assert.Empty(Links(filtered));
    }

    [Theory]
    [InlineData("Log in at https://evil.example/login now.")]
    [InlineData("Log in at <https://evil.example/login> now.")]
    [InlineData("Log in at www.evil.example/login now.")]
    [InlineData("Log in at http://evil.example/login?next=/home&x=1 now.")]
    [InlineData("Log in at <a href=\"https://evil.example/login\">the portal</a> now.")]
    [InlineData("Log in at [the portal][p] now.\n\n[p]: https://evil.example/login")]
    public void Filter_AnyLinkToAnotherHost_RendersAsNoLinkAndNoDottedHost(string markdown)
    {
        var filtered = _links.Filter(markdown);

        Assert.Empty(Links(filtered));
        Assert.DoesNotContain("evil.example", Render(filtered), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Log in at ", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_BareUrlToAnotherHost_ShownDefangedAndReadable()
    {
        var filtered = _links.Filter("Log in at https://evil.example/login now.");

        Assert.Contains("https[:]//evil[.]example/login", Render(filtered), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Go to https://intranet.contoso.com@evil.example/ now.")]
    [InlineData("Go to [the intranet](https://intranet.contoso.com@evil.example/) now.")]
    [InlineData("Go to [the intranet](https://user:pass@intranet.contoso.com/) now.")]
    public void Filter_AllowedHostAsUserNameBeforeAnotherHost_Defanged(string markdown)
    {
        var filtered = _links.Filter(markdown);

        Assert.Empty(Links(filtered));
        Assert.DoesNotContain("@evil.example", Render(filtered), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Click [here](javascript:alert(document.cookie)) now.", "here")]
    [InlineData("Click [here](JavaScript:alert(1)) now.", "here")]
    [InlineData("Click [here](data:text/html;base64,PHNjcmlwdD4=) now.", "here")]
    [InlineData("Click [here](/relative/path) now.", "here")]
    [InlineData("Click [here](https&#58;//evil.example) now.", "here")]
    public void Filter_LinkThatIsNotAnHttpLinkToAnAllowedHost_OnlyItsTextRemains(string markdown, string text)
    {
        var filtered = _links.Filter(markdown);

        Assert.Equal($"Click {text} now.", filtered);
        Assert.Empty(Links(filtered));
    }

    [Fact]
    public void Filter_SubdomainOfAnAllowedHost_DefangedUnlessListed()
    {
        var filtered = _links.Filter("See [login](https://login.intranet.contoso.com/) and https://contoso.com/.");

        Assert.Empty(Links(filtered));
    }

    [Theory]
    [InlineData("Chart: ![chart](https://evil.example/pixel.png) done.")]
    [InlineData("Chart: ![chart](https://intranet.contoso.com/chart.png) done.")]
    [InlineData("Chart: <img src=\"https://evil.example/pixel.png\"> done.")]
    public void Filter_Image_Removed(string markdown)
    {
        var filtered = _links.Filter(markdown);

        Assert.Equal("Chart:  done.", filtered);
        Assert.DoesNotContain("<img", Render(filtered), StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_LinkTextThatIsItselfAUrlToAnotherHost_DefangedToo()
    {
        var filtered = _links.Filter("Open [https://evil.example/a_b*c*](https://evil.example/login).");

        Assert.Empty(Links(filtered));
        Assert.Equal("Open https[:]//evil[.]example/a_b*c*.", PlainText(filtered));
    }

    [Fact]
    public void Filter_AnswerWithoutLinks_Unchanged()
    {
        const string Markdown = "- **Never** paste customer data into public chatbots [1].\n- Use NordChat instead [2].";

        Assert.Equal(Markdown, _links.Filter(Markdown));
    }

    [Fact]
    public void Filter_NoAllowedHostsAndNoSourceBaseUrl_EveryLinkDefanged()
    {
        var links = new AnswerLinks(Options.Create(new BotOptions()), Options.Create(new KnowledgeOptions()));

        var filtered = links.Filter("See [the guide](https://intranet.contoso.com/genai/guide) and https://nordhafen.sharepoint.com/.");

        Assert.Empty(Links(filtered));
    }

    [Theory]
    [InlineData("intranet.contoso.com", true)]
    [InlineData("INTRANET.Contoso.com", true)]
    [InlineData("localhost", true)]
    [InlineData("10.0.0.7", true)]
    [InlineData("https://intranet.contoso.com", false)]
    [InlineData("intranet.contoso.com/genai", false)]
    [InlineData("intranet.contoso.com:443", false)]
    [InlineData("*.contoso.com", false)]
    [InlineData("", false)]
    public void Validate_AllowedLinkHosts_OnlyHostNames(string host, bool valid)
    {
        var options = new BotOptions { AllowedLinkHosts = [host] };
        var results = new List<ValidationResult>();

        var isValid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(valid, isValid);
        if (!valid)
        {
            Assert.Contains("Bot:AllowedLinkHosts:0", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        }
    }

    private static string Render(string markdown) => Markdown.ToHtml(markdown, Renderer);

    private static string PlainText(string markdown) => Markdown.ToPlainText(markdown, Renderer).Trim();

    // Every link the renderer makes, Markdown links, autolinks and raw HTML alike, ends up as an anchor.
    private static List<string> Links(string markdown) =>
        [.. System.Text.RegularExpressions.Regex.Matches(Render(markdown), "<a\\b[^>]*\\bhref=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];
}
