using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// A stand-in for the Bot Framework's token signing metadata (OpenID configuration and signing keys), served over
/// HTTP on loopback so the SDK's real token validation runs without the internet. Point the bot's
/// ToBotFromChannelOpenIdMetadataUrl setting at <see cref="MetadataUrl"/>.
/// </summary>
public sealed class StandInBotIdentity : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInBotIdentity(WebApplication app) => _app = app;

    public string MetadataUrl { get; private set; } = "";

    public static async Task<StandInBotIdentity> StartAsync()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var identity = new StandInBotIdentity(app);
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
                    ["kid"] = "stand-in-key",
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
