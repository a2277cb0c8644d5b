using System.Net;
using AdoptionBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// The real bot (its own Program) on Kestrel, on a free loopback port, so that an outside client can reach it over
/// HTTP. Configuration is passed as settings that override bot/appsettings.json.
/// </summary>
internal sealed class BotServer : WebApplicationFactory<Program>
{
    private readonly IEnumerable<KeyValuePair<string, string?>> _settings;

    public BotServer(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The address the bot listens on, e.g. http://127.0.0.1:41234. Set by <see cref="Start"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Uri MessagesEndpoint => new(BaseAddress, "/api/messages");

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The bot's server reports no addresses.");
        BaseAddress = new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(TestPaths.InRepository("bot"));
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
    }
}
