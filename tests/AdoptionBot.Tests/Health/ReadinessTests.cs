using System.Net;
using System.Text.Json;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.Health;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_AfterStartUp_IsReadyWithEveryCheckOk()
    {
        await using var host = await BotTestHost.StartAsync();
        using var response = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("knowledgeIndex").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_StoreUnreachable_Returns503NamingTheStoreWithoutExceptionText()
    {
        var contexts = new BreakableContextFactory();
        await using var host = await BotTestHost.StartAsync(configureServices: services =>
            services.Replace(ServiceDescriptor.Singleton<IDbContextFactory<AdoptionBotDbContext>>(sp =>
                contexts.Wrap(StoreContextFactory.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value)))));
        contexts.Broken = true;

        using var response = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        contexts.Broken = false;
        var checks = JsonDocument.Parse(text).RootElement.GetProperty("checks");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("failed", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("ok", checks.GetProperty("knowledgeIndex").GetProperty("status").GetString());
        Assert.DoesNotContain(BreakableContextFactory.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.DataPath, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_IndexNotLoaded_Returns503NamingTheIndexWhileHealthzStaysOk()
    {
        var data = Directory.CreateTempSubdirectory("adoptionbot-ready-").FullName;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Knowledge:Path"] = TestPaths.TestData("BotKnowledge"),
                ["Storage:DataPath"] = data,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IKnowledgeSearch, NotReadySearch>()));
        });
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("failed", checks.GetProperty("knowledgeIndex").GetProperty("status").GetString());
        Assert.Equal("ok", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync());
    }

    private sealed class NotReadySearch : IKnowledgeSearch
    {
        public bool IsReady => false;

        public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int top, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RetrievedPassage>>([]);

        public Task<IReadOnlyList<string>> FindUnknownTermsAsync(string query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

        public Task<IReadOnlyList<string>> GetBusinessUnitsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);
    }

    /// <summary>The real store until <see cref="Broken"/> is set; then every context fails as an unreachable server would.</summary>
    private sealed class BreakableContextFactory
    {
        public const string Secret = "Password=hunter2";

        public bool Broken { get; set; }

        public IDbContextFactory<AdoptionBotDbContext> Wrap(IDbContextFactory<AdoptionBotDbContext> inner) => new Factory(this, inner);

        private sealed class Factory(BreakableContextFactory owner, IDbContextFactory<AdoptionBotDbContext> inner) : IDbContextFactory<AdoptionBotDbContext>
        {
            public AdoptionBotDbContext CreateDbContext() => owner.Broken
                ? throw new InvalidOperationException($"Could not connect to db.internal ({Secret})")
                : inner.CreateDbContext();
        }
    }
}
