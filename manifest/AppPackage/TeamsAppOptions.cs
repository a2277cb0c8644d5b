using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace AdoptionBot.AppPackage;

/// <summary>
/// The values the packaging command writes into manifest.json's <c>${{Name}}</c> placeholders, from the
/// <c>TeamsApp</c> section: deployment outputs, then environment variables (<c>TeamsApp__BotAppId</c>), then the
/// command line (<c>--TeamsApp:BotAppId=...</c>).
/// </summary>
public sealed partial class TeamsAppOptions
{
    public const string SectionName = "TeamsApp";

    private const string GuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    private const string GuidExample = "a GUID such as 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    private const string VersionPattern = @"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$";
    private const int MaxResourceLength = 2048; // webApplicationInfo.resource in the Teams schema

    /// <summary>
    /// The Teams app's own id (a GUID). Teams knows the app by it across versions, so keep it once published.
    /// Optional: when unset, the bot's app id is used.
    /// </summary>
    [SettingFormat(GuidPattern, GuidExample)]
    public string? AppId { get; set; }

    /// <summary>The bot's Microsoft App ID (Entra app registration client id); deployment output <c>botAppId</c>.</summary>
    [Required(ErrorMessage = "TeamsApp:BotAppId is not set: the bot's Microsoft App ID, a GUID (deployment output botAppId).")]
    [SettingFormat(GuidPattern, GuidExample)]
    public string BotAppId { get; set; } = "";

    /// <summary>The app package's version, MAJOR.MINOR.PATCH; raise it for every package uploaded to Teams.</summary>
    [Required(ErrorMessage = "TeamsApp:Version is not set: the app package version, MAJOR.MINOR.PATCH such as 1.0.0.")]
    [SettingFormat(VersionPattern, "MAJOR.MINOR.PATCH with numbers only, such as 1.0.0")]
    public string Version { get; set; } = "";

    /// <summary>The host name the bot is served from, without scheme, port or path; deployment output <c>botDomain</c>.</summary>
    [Required(ErrorMessage = "TeamsApp:BotDomain is not set: the bot's host name, such as adoptionbot.azurewebsites.net (deployment output botDomain).")]
    [HostName]
    public string BotDomain { get; set; } = "";

    /// <summary>The publisher's name Teams shows with the app (at most 32 characters).</summary>
    [Required(ErrorMessage = "TeamsApp:DeveloperName is not set: the publisher's name Teams shows with the app.")]
    [StringLength(32, ErrorMessage = "TeamsApp:DeveloperName must be at most 32 characters.")]
    public string DeveloperName { get; set; } = "";

    /// <summary>The publisher's or the app's web page (https).</summary>
    [Required(ErrorMessage = "TeamsApp:WebsiteUrl is not set: the app's or publisher's web page, an https URL.")]
    [HttpsUrl]
    public string WebsiteUrl { get; set; } = "";

    /// <summary>The privacy statement (https).</summary>
    [Required(ErrorMessage = "TeamsApp:PrivacyUrl is not set: the privacy statement, an https URL.")]
    [HttpsUrl]
    public string PrivacyUrl { get; set; } = "";

    /// <summary>The terms of use (https).</summary>
    [Required(ErrorMessage = "TeamsApp:TermsUrl is not set: the terms of use, an https URL.")]
    [HttpsUrl]
    public string TermsUrl { get; set; } = "";

    /// <summary>
    /// Client id (a GUID) of the Entra app registration the tabs sign in with; deployment output <c>tabAppId</c>.
    /// Optional: when unset the package has the bot alone, with no tabs and no <c>webApplicationInfo</c>. It cannot be
    /// the bot's app id: the bot's managed identity cannot expose an API (infra/bicep/README.md registers the tab app).
    /// </summary>
    [SettingFormat(GuidPattern, GuidExample)]
    public string? TabAppId { get; set; }

    /// <summary>
    /// The tab app registration's Application ID URI, the resource Teams asks tokens for; deployment output
    /// <c>tabResource</c>. Optional: <c>api://{BotDomain}/{TabAppId}</c> when unset. When set it must be an
    /// <c>api://</c> URI on the bot's domain, because Teams gives tab tokens only for the domain the tabs come from.
    /// </summary>
    public string? TabResource { get; set; }

    /// <summary>The Teams app id that goes into the manifest: <see cref="AppId"/>, or the bot's app id when it is unset.</summary>
    public string EffectiveAppId => string.IsNullOrWhiteSpace(AppId) ? BotAppId : AppId;

    /// <summary>Whether the package has the tabs: they need the tab app registration, so only with <see cref="TabAppId"/>.</summary>
    public bool HasTabs => !string.IsNullOrWhiteSpace(TabAppId);

    /// <summary>The resource that goes into webApplicationInfo: <see cref="TabResource"/>, or <c>api://{BotDomain}/{TabAppId}</c>.</summary>
    public string EffectiveTabResource => string.IsNullOrWhiteSpace(TabResource) ? $"api://{BotDomain}/{TabAppId}" : TabResource;

    /// <summary>Every problem with the values, one line each, naming the setting; empty when they can be packaged.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        var problems = results.Select(r => r.ErrorMessage ?? $"{SectionName}:{string.Join(", ", r.MemberNames)} is not valid.").ToList();
        var invalid = results.SelectMany(r => r.MemberNames).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(TabProblems(invalid));
        return problems;
    }

    /// <summary>The placeholder names of manifest.json and their values; the tabs' only when the package has tabs.</summary>
    public IReadOnlyDictionary<string, string> PlaceholderValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [nameof(AppId)] = EffectiveAppId,
            [nameof(BotAppId)] = BotAppId,
            [nameof(Version)] = Version,
            [nameof(BotDomain)] = BotDomain,
            [nameof(DeveloperName)] = DeveloperName,
            [nameof(WebsiteUrl)] = WebsiteUrl,
            [nameof(PrivacyUrl)] = PrivacyUrl,
            [nameof(TermsUrl)] = TermsUrl,
        };
        if (HasTabs)
        {
            values[nameof(TabAppId)] = TabAppId!;
            values[nameof(TabResource)] = EffectiveTabResource;
        }

        return values;
    }

    // Checks that weigh one setting against another, so they run after each value's own format check and skip a value
    // that already failed it (one line per problem, never two for the same mistake).
    private IEnumerable<string> TabProblems(HashSet<string> invalid)
    {
        var tabResource = $"{SectionName}:{nameof(TabResource)}";
        var tabAppId = $"{SectionName}:{nameof(TabAppId)}";
        if (!HasTabs)
        {
            if (!string.IsNullOrWhiteSpace(TabResource))
            {
                yield return $"{tabResource} is set to '{TabResource}', but {tabAppId} is not: the tabs need the client id of their app registration as well (deployment output tabAppId). Set both, or neither for a package without tabs.";
            }

            yield break;
        }

        if (invalid.Contains(nameof(TabAppId)))
        {
            yield break;
        }

        if (string.Equals(TabAppId, BotAppId, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{tabAppId} must be the client id of the tab app registration, not the bot's app id {BotAppId}: the bot's managed identity cannot expose the API that tab sign-in asks tokens for (see infra/bicep/README.md).";
        }

        if (string.IsNullOrWhiteSpace(TabResource))
        {
            yield break;
        }

        var example = $"api://{(invalid.Contains(nameof(BotDomain)) || BotDomain.Length == 0 ? "adoptionbot.azurewebsites.net" : BotDomain)}/{TabAppId}";
        var match = TabResourcePattern().Match(TabResource);
        if (!match.Success || TabResource.Length > MaxResourceLength)
        {
            yield return $"{tabResource} must be the tab app registration's Application ID URI, api://<bot domain>/<tab app id> such as {example}; got '{TabResource}'.";
            yield break;
        }

        var host = match.Groups["host"].Value;
        if (!invalid.Contains(nameof(BotDomain)) && BotDomain.Length > 0 && !string.Equals(host, BotDomain, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{tabResource} must name the bot's domain {BotDomain} after api://, as in {example}: Teams asks for tab tokens only for the domain the tabs are served from; got '{TabResource}'.";
        }

        var lastSegment = match.Groups["path"].Value.Split('/')[^1];
        if (Guid.TryParseExact(lastSegment, "D", out var endsWith) && endsWith != Guid.Parse(TabAppId!))
        {
            yield return $"{tabResource} must end with {tabAppId} {TabAppId}, not another app's id {lastSegment}: it is the Application ID URI of the tab app registration; got '{TabResource}'.";
        }
    }

    [GeneratedRegex(@"^api://(?<host>[^/?#:@\s]+)(?<path>(?:/[^/?#\s]+)+)$")]
    private static partial Regex TabResourcePattern();
}

/// <summary>A value that must match a pattern; the message names the setting, says what is expected and shows the value.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingFormatAttribute(string pattern, string expected) : ValidationAttribute
{
    private readonly Regex _pattern = new(pattern);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string text || text.Length == 0 || _pattern.IsMatch(text)
            ? ValidationResult.Success // [Required] reports a missing value
            : new ValidationResult(
                $"{TeamsAppOptions.SectionName}:{validationContext.MemberName} must be {expected}; got '{text}'.",
                [validationContext.MemberName!]);
}

/// <summary>An absolute https URL with a host, as Teams asks for the developer's links.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpsUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text || text.Length == 0)
        {
            return ValidationResult.Success; // [Required] reports a missing value
        }

        var valid = text.Length <= 2048
            && text.Trim() == text
            && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && uri.HostNameType == UriHostNameType.Dns
            && uri.UserInfo.Length == 0;
        return valid
            ? ValidationResult.Success
            : new ValidationResult(
                $"{TeamsAppOptions.SectionName}:{validationContext.MemberName} must be an absolute https URL such as https://contoso.com/privacy; got '{text}'.",
                [validationContext.MemberName!]);
    }
}

/// <summary>A DNS host name alone: no scheme, port, path or wildcard.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HostNameAttribute : ValidationAttribute
{
    private const string Label = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
    private static readonly Regex HostName = new($"^{Label}(?:\\.{Label})+$");

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text || text.Length == 0)
        {
            return ValidationResult.Success; // [Required] reports a missing value
        }

        if (text.Length <= 253 && HostName.IsMatch(text))
        {
            return ValidationResult.Success;
        }

        var hint = text.Contains("://", StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal)
            ? " (leave out https://, the port and any path)"
            : "";
        return new ValidationResult(
            $"{TeamsAppOptions.SectionName}:{validationContext.MemberName} must be a host name only, such as adoptionbot.azurewebsites.net{hint}; got '{text}'.",
            [validationContext.MemberName!]);
    }
}
