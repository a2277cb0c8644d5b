using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// A stand-in for Entra ID as the tabs see it: the v2.0 OpenID configuration of "organizations" and of each tenant, and
/// the signing keys, served over HTTPS on loopback so Microsoft.Identity.Web's real validation runs without the internet.
/// Set the bot's Tabs:Instance to <see cref="Instance"/> and make its process trust <see cref="TrustFile"/>
/// (SSL_CERT_FILE). It signs access tokens as Entra does for a tab's single sign-on (<see cref="CreateToken"/>), ID
/// tokens for the browser sign-in (<see cref="CreateIdToken"/>), and forges the ones the tabs must refuse.
/// </summary>
public sealed class StandInTabIdentity : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<TokenKey, RSA> _keys;
    private readonly X509Certificate2 _certificate;
    private readonly string _folder;
    private int _keyFetches;

    private StandInTabIdentity(WebApplication app, Dictionary<TokenKey, RSA> keys, X509Certificate2 certificate, string folder)
    {
        _app = app;
        _keys = keys;
        _certificate = certificate;
        _folder = folder;
    }

    /// <summary>Which key signs a token: the one in the published key set, or one Entra never published.</summary>
    public enum TokenKey
    {
        Published,
        Unpublished,
    }

    /// <summary>Where it listens, e.g. https://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The value for Tabs:Instance: <see cref="BaseUrl"/> with the trailing slash Entra's instance has.</summary>
    public string Instance => BaseUrl + "/";

    /// <summary>A PEM file holding the stand-in's HTTPS certificate, for a child process's SSL_CERT_FILE.</summary>
    public string TrustFile => Path.Combine(_folder, "trust.pem");

    /// <summary>How many times the signing keys were fetched.</summary>
    public int KeyFetches => Volatile.Read(ref _keyFetches);

    public static async Task<StandInTabIdentity> StartAsync()
    {
        var keys = Enum.GetValues<TokenKey>().ToDictionary(k => k, _ => RSA.Create(2048));
        var certificate = LoopbackCertificate.Create();
        var folder = Directory.CreateTempSubdirectory("adoptionbot-tab-identity-").FullName;
        var app = LoopbackServer.Create(certificate);
        var identity = new StandInTabIdentity(app, keys, certificate, folder);
        LoopbackCertificate.WritePem(certificate, identity.TrustFile);

        // "organizations" (the bearer tokens' metadata) names its issuer with Entra's {tenantid} placeholder; a tenant's own names itself.
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = identity.Issuer(tenant == "organizations" ? "{tenantid}" : tenant),
            ["authorization_endpoint"] = identity.AuthorizeEndpoint(tenant),
            ["token_endpoint"] = $"{identity.BaseUrl}/{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{identity.BaseUrl}/{tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
        }));
        // Where a plain browser lands to sign in; the tests answer the sign-in themselves (AnswerSignIn in the tab tests).
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", () =>
            Results.Content("<!DOCTYPE html><html lang=\"en\"><title>Stand-in sign-in</title><h1>Stand-in sign-in</h1></html>", "text/html"));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            Interlocked.Increment(ref identity._keyFetches);
            return Results.Json(new { keys = new[] { Jwk(TokenKey.Published) } });
        });
        identity.BaseUrl = await LoopbackServer.StartAsync(app);
        return identity;

        Dictionary<string, object> Jwk(TokenKey key)
        {
            var parameters = keys[key].ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId(key),
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
            };
        }
    }

    /// <summary>The v2.0 issuer of <paramref name="tenantId"/>, as Entra writes it into that tenant's tokens.</summary>
    public string Issuer(string tenantId) => $"{BaseUrl}/{tenantId}/v2.0";

    /// <summary>Where a browser is sent to sign in at <paramref name="tenant"/> (a tenant id or "organizations").</summary>
    public string AuthorizeEndpoint(string tenant) => $"{BaseUrl}/{tenant}/oauth2/v2.0/authorize";

    /// <summary>
    /// A v2.0 access token for the tab's app (<paramref name="audience"/>) with the scope Teams asks for, as Entra issues
    /// it to <paramref name="user"/>: signed by <paramref name="key"/>, issued by the user's own tenant unless
    /// <paramref name="issuer"/> says otherwise, valid for an hour unless <paramref name="expires"/> says when it ended.
    /// </summary>
    public string CreateToken(TabTokenUser user, string audience, DateTime? expires = null, TokenKey key = TokenKey.Published, string? issuer = null) =>
        Sign(user, audience, expires, key, issuer, new Dictionary<string, object> { ["scp"] = "access_as_user", ["azp"] = audience });

    /// <summary>An ID token of the browser sign-in for the app <paramref name="clientId"/>, answering the sign-in request that sent <paramref name="nonce"/>.</summary>
    public string CreateIdToken(TabTokenUser user, string clientId, string nonce) =>
        Sign(user, clientId, expires: null, TokenKey.Published, issuer: null, new Dictionary<string, object> { ["nonce"] = nonce });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _certificate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp folders
        }
    }

    private string Sign(TabTokenUser user, string audience, DateTime? expires, TokenKey key, string? issuer, Dictionary<string, object> extra)
    {
        var expiresUtc = expires ?? TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1);
        var claims = new Dictionary<string, object>(extra)
        {
            ["oid"] = user.ObjectId,
            ["sub"] = "sub-" + user.ObjectId,
            ["tid"] = user.TenantId,
            ["name"] = user.Name,
            ["preferred_username"] = user.UserName,
            ["ver"] = "2.0",
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer(user.TenantId),
            Audience = audience,
            IssuedAt = expiresUtc.AddHours(-2),
            NotBefore = expiresUtc.AddHours(-2),
            Expires = expiresUtc,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_keys[key]) { KeyId = KeyId(key) }, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string KeyId(TokenKey key) => key == TokenKey.Published ? "stand-in-tab-key" : "never-published-key";
}

/// <summary>Who a stand-in token is for: the Entra object id, display name and tenant the tabs read.</summary>
public sealed record TabTokenUser(string ObjectId, string Name, string TenantId)
{
    public string UserName => Name.Split(' ')[0].ToLowerInvariant() + "@contoso.example";
}
