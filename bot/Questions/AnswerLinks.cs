using System.Text.RegularExpressions;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Knowledge;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>
/// The links an answer may show: http(s) links to the host of Knowledge:SourceBaseUrl or one in Bot:AllowedLinkHosts
/// (exact host, any case, no user name in front of it). A language model can be talked into writing a phishing link,
/// and a knowledge file can carry one, so every other link is defanged: a Markdown or HTML link becomes its text, a
/// bare URL or autolink is shown as <c>https[:]//evil[.]example/…</c> (no scheme separator and no dotted host, which
/// neither Markdown nor Teams turns into a link), a reference definition is dropped, and every image is removed (an
/// image loads without a click).
/// </summary>
public sealed partial class AnswerLinks
{
    private readonly HashSet<string> _allowedHosts;

    public AnswerLinks(IOptions<BotOptions> bot, IOptions<KnowledgeOptions> knowledge)
    {
        _allowedHosts = new HashSet<string>(bot.Value.AllowedLinkHosts.Select(AsUriHost), StringComparer.OrdinalIgnoreCase);
        if (Uri.TryCreate(knowledge.Value.SourceBaseUrl, UriKind.Absolute, out var source))
        {
            _allowedHosts.Add(source.IdnHost);
        }
    }

    /// <summary><paramref name="markdown"/> with the allowed links as they were and every other link or image made harmless.</summary>
    public string Filter(string markdown) => string.IsNullOrEmpty(markdown) ? markdown : Link().Replace(markdown, Replace);

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) link to an allowed host, with no user name before the host.</summary>
    public bool IsAllowed(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0
        && _allowedHosts.Contains(uri.IdnHost);

    private string Replace(Match match)
    {
        if (match.Groups["image"].Success || match.Groups["img"].Success)
        {
            return "";
        }

        if (match.Groups["definition"].Success)
        {
            return IsAllowed(Unbracket(match.Groups["refurl"].Value)) ? match.Value : "";
        }

        if (match.Groups["link"].Success)
        {
            return IsAllowed(Unbracket(match.Groups["url"].Value)) ? match.Value : PlainWithoutLinks(match.Groups["text"].Value);
        }

        if (match.Groups["anchor"].Success)
        {
            return IsAllowed(System.Net.WebUtility.HtmlDecode(match.Groups["href"].Value))
                ? match.Value
                : PlainWithoutLinks(Tag().Replace(match.Groups["atext"].Value, ""));
        }

        if (match.Groups["auto"].Success)
        {
            return IsAllowed(match.Groups["autourl"].Value) ? match.Value : PlainWithoutLinks(match.Groups["autourl"].Value);
        }

        var bare = match.Value;
        var asUrl = match.Groups["www"].Success ? "https://" + bare : bare;
        return IsAllowed(asUrl) ? bare : CardText.Plain(Defang(bare));
    }

    /// <summary>Text shown instead of a link: every URL in it defanged, then escaped so nothing in it formats or links.</summary>
    private static string PlainWithoutLinks(string text) => CardText.Plain(BareUrl().Replace(text, m => Defang(m.Value)));

    private static string Defang(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        var defanged = separator >= 0 ? url[..separator] + "[:]//" + url[(separator + 3)..]
            : url.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? url[..colon] + "[:]" + url[(colon + 1)..]
            : url;
        return defanged.Replace(".", "[.]", StringComparison.Ordinal);
    }

    // The form Uri.IdnHost gives: IPv6 in brackets, an international name in its ASCII (punycode) form.
    private static string AsUriHost(string host) =>
        Uri.TryCreate("https://" + (Uri.CheckHostName(host.Trim()) == UriHostNameType.IPv6 ? $"[{host.Trim()}]" : host.Trim()) + "/", UriKind.Absolute, out var uri)
            ? uri.IdnHost
            : host.Trim();

    private static string Unbracket(string url) => url.StartsWith('<') && url.EndsWith('>') ? url[1..^1] : url;

    // One pass, first match wins: a link's URL is never read again as a bare URL. Link text allows one level of brackets.
    [GeneratedRegex("""
        (?<definition>(?m:^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?<refurl><[^<>\n]*>|\S+)[^\n]*$))
        | (?<image>!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\))
        | (?<link>\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?<url><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\))
        | (?<anchor><a\b[^>]*?\bhref\s*=\s*(?:"(?<href>[^"]*)"|'(?<href>[^']*)'|(?<href>[^\s>]+))[^>]*>(?<atext>.*?)</a\s*>)
        | (?<img><img\b[^>]*>)
        | (?<auto><(?<autourl>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>)
        | (?<www>\bwww\.[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"*_~])
        | (?<bare>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"*_~])
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex Link();

    [GeneratedRegex(@"\bwww\.[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'""*_~]|\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'""*_~]|\b(?:javascript|data|vbscript|file|mailto):\S*", RegexOptions.IgnoreCase)]
    private static partial Regex BareUrl();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
