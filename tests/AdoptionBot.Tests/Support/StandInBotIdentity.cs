using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// A stand-in for the Bot Framework's token signing metadata (OpenID configuration and signing keys), served over
/// HTTP on loopback so the SDK's real token validation runs without the internet. Point the bot's
/// ToBotFromChannelOpenIdMetadataUrl setting at <see cref="MetadataUrl"/>. It signs tokens as the channel would with
/// <see cref="CreateToken"/>, and can forge the kinds of token the bot must refuse.
/// </summary>
public sealed class StandInBotIdentity : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    private const string KeyId = "stand-in-key";

    private readonly WebApplication _app;
    private readonly RSA _signingKey;

    private StandInBotIdentity(WebApplication app, RSA signingKey)
    {
        _app = app;
        _signingKey = signingKey;
    }

    public string MetadataUrl { get; private set; } = "";

    public static async Task<StandInBotIdentity> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var identity = new StandInBotIdentity(app, rsa);
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpRequest request) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = "https://api.botframework.com",
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = $"{request.Scheme}://{request.Host}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () => Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                    ["n"] = Base64Url(parameters.Modulus!),
                    ["e"] = Base64Url(parameters.Exponent!),
                    ["endorsements"] = new[] { "msteams" },
                },
            },
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        identity.MetadataUrl = address + "/v1/.well-known/openidconfiguration";
        return identity;
    }

    /// <summary>
    /// A channel token for <paramref name="audience"/> (the bot's app id) and the activity's service URL, signed with the
    /// published key unless <paramref name="signingKey"/> is another one; <paramref name="expires"/> defaults to an hour ahead.
    /// </summary>
    public string CreateToken(string audience, string serviceUrl, string issuer = ChannelIssuer, DateTime? expires = null, RSA? signingKey = null)
    {
        var expiresUtc = expires ?? TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1);
        var key = new RsaSecurityKey(signingKey ?? _signingKey) { KeyId = signingKey is null ? KeyId : "unpublished-key" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiresUtc.AddHours(-2),
            NotBefore = expiresUtc.AddHours(-2),
            Expires = expiresUtc,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token with the given claims and no signature at all (alg "none").</summary>
    public static string CreateUnsignedToken(string audience, string serviceUrl, string issuer = ChannelIssuer)
    {
        var now = TimeProvider.System.GetUtcNow();
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + KeyId + "\"}"));
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
        _signingKey.Dispose();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
