using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// A stand-in for the Bot Framework's token signing metadata (OpenID configuration and signing keys), served over HTTPS
/// on loopback (the SDK fetches keys over HTTPS only) so the SDK's real token validation runs without the internet.
/// Point the bot's ToBotFromChannelOpenIdMetadataUrl setting at <see cref="MetadataUrl"/> and make the bot process trust
/// <see cref="TrustFile"/> (SSL_CERT_FILE). It signs tokens as the channel would with <see cref="CreateToken"/>, and
/// can forge the kinds of token the bot must refuse.
/// </summary>
public sealed class StandInBotIdentity : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly Dictionary<TokenKey, RSA> _keys;
    private readonly X509Certificate2 _certificate;
    private readonly string _folder;

    private StandInBotIdentity(WebApplication app, Dictionary<TokenKey, RSA> keys, X509Certificate2 certificate, string folder)
    {
        _app = app;
        _keys = keys;
        _certificate = certificate;
        _folder = folder;
    }

    /// <summary>Which key signs a token: the published one endorsed for Teams, a published one endorsed for another channel only, or one never published.</summary>
    public enum TokenKey
    {
        Published,
        EndorsedForWebChatOnly,
        Unpublished,
    }

    public string MetadataUrl { get; private set; } = "";

    /// <summary>A PEM file holding the stand-in's HTTPS certificate, for a child process's SSL_CERT_FILE.</summary>
    public string TrustFile => Path.Combine(_folder, "trust.pem");

    /// <summary>How many times the signing keys were fetched.</summary>
    public int KeyFetches { get; private set; }

    public static async Task<StandInBotIdentity> StartAsync()
    {
        var keys = Enum.GetValues<TokenKey>().ToDictionary(k => k, _ => RSA.Create(2048));
        var certificate = LoopbackCertificate.Create();
        var folder = Directory.CreateTempSubdirectory("adoptionbot-identity-").FullName;
        var app = LoopbackServer.Create(certificate);
        var identity = new StandInBotIdentity(app, keys, certificate, folder);
        LoopbackCertificate.WritePem(certificate, identity.TrustFile);
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpRequest request) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = ChannelIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = $"{request.Scheme}://{request.Host}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            identity.KeyFetches++;
            return Results.Json(new
            {
                keys = new[] { Jwk(TokenKey.Published, "msteams"), Jwk(TokenKey.EndorsedForWebChatOnly, "webchat") },
            });
        });
        identity.MetadataUrl = await LoopbackServer.StartAsync(app) + "/v1/.well-known/openidconfiguration";
        return identity;

        Dictionary<string, object> Jwk(TokenKey key, string endorsement)
        {
            var parameters = keys[key].ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId(key),
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
                ["endorsements"] = new[] { endorsement },
            };
        }
    }

    /// <summary>
    /// A channel token for <paramref name="audience"/> (the bot's app id) and the activity's service URL, signed with
    /// <paramref name="key"/>; <paramref name="expires"/> defaults to an hour ahead.
    /// </summary>
    public string CreateToken(string audience, string serviceUrl, string issuer = ChannelIssuer, DateTime? expires = null, TokenKey key = TokenKey.Published)
    {
        var expiresUtc = expires ?? TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1);
        var signingKey = new RsaSecurityKey(_keys[key]) { KeyId = KeyId(key) };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiresUtc.AddHours(-2),
            NotBefore = expiresUtc.AddHours(-2),
            Expires = expiresUtc,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token with the given claims and no signature at all (alg "none"), naming the published key.</summary>
    public static string CreateUnsignedToken(string audience, string serviceUrl, string issuer = ChannelIssuer)
    {
        var now = TimeProvider.System.GetUtcNow();
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + KeyId(TokenKey.Published) + "\"}"));
        var payload = Base64Url(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        })));
        return header + "." + payload + ".";
    }

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

    private static string KeyId(TokenKey key) => key switch
    {
        TokenKey.Published => "stand-in-key",
        TokenKey.EndorsedForWebChatOnly => "stand-in-webchat-key",
        _ => "unpublished-key",
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
