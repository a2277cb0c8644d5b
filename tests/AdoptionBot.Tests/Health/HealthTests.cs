using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdoptionBot.Tests.Health;

public sealed class HealthTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Healthz_WhenRunning_ReturnsOk()
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
