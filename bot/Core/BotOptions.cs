using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Core;

/// <summary>Who may talk to the bot, and which links it may show. Section "Bot".</summary>
public sealed class BotOptions : IValidatableObject
{
    public const string SectionName = "Bot";

    /// <summary>
    /// Entra tenant ids (GUIDs) whose activities the bot handles (env Bot__AllowedTenants__0, __1, ...); activities
    /// from any other tenant are dropped unanswered. Empty: every tenant, which start-up warns about when MicrosoftAppId is set.
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>
    /// The largest request body /api/messages reads, in KiB. Teams activities are a few KiB (a message's text is capped
    /// near 28 KiB); a larger body is refused with 413 before anything parses it, token checks included.
    /// </summary>
    [Range(16, 10_240, ErrorMessage = "Bot:MaxRequestKilobytes must be between 16 and 10240.")]
    public int MaxRequestKilobytes { get; set; } = 256;

    /// <summary>
    /// Hosts whose links may stay in an answer, besides the host of Knowledge:SourceBaseUrl (env Bot__AllowedLinkHosts__0,
    /// __1, ...): host names only ("intranet.contoso.com"), matched exactly and case-insensitively, so a subdomain counts
    /// only when listed. A link to any other host is shown as plain text that Teams does not turn into a link.
    /// </summary>
    public List<string> AllowedLinkHosts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedLinkHosts.Count; i++)
        {
            if (Uri.CheckHostName(AllowedLinkHosts[i]) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
            {
                yield return new ValidationResult(
                    $"Bot:AllowedLinkHosts:{i} '{AllowedLinkHosts[i]}' is not a host name (such as intranet.contoso.com: no scheme, port, path or wildcard).",
                    [nameof(AllowedLinkHosts)]);
            }
        }

        for (var i = 0; i < AllowedTenants.Count; i++)
        {
            if (!Guid.TryParse(AllowedTenants[i], out _))
            {
                yield return new ValidationResult($"Bot:AllowedTenants:{i} '{AllowedTenants[i]}' is not a tenant id (a GUID).", [nameof(AllowedTenants)]);
            }
        }
    }
}
