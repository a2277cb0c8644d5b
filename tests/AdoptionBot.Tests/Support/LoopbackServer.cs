using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// The web server under every stand-in for a cloud service: a slim ASP.NET Core app on 127.0.0.1 and a free port,
/// without logging, over HTTPS when given a certificate (e.g. from LoopbackCertificate).
/// </summary>
public static class LoopbackServer
{
    public static WebApplication Create(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }

        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts <paramref name="app"/> and returns where it listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public static async Task<string> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}
