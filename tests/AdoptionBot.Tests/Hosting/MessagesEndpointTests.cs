using System.Net;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Hosting;

public sealed class MessagesEndpointTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Theory]
    [InlineData("{\"type\": \"message\", \"text\": ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{}")]
    [InlineData("{\"hello\": \"world\"}")]
    [InlineData("{\"type\": 42, \"text\": {\"nested\": true}}")]
    public async Task Post_BodyThatIsNotAnActivity_Returns400AndSendsNothing(string body)
    {
        var before = host.Connector.Sent.Count;

        using var response = await host.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, host.Connector.Sent.Count);
    }

    [Fact]
    public async Task Post_UnknownActivityType_IsIgnoredWith200()
    {
        var activity = host.Activity("personal-message.json", a => a["type"] = "somethingNew");
        var questionsBefore = await host.QueryStoreAsync(db => db.Questions.CountAsync());

        using var response = await host.PostAsync(activity);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        Assert.DoesNotContain(host.Connector.Sent, a => a.ReplyToId == activity["id"]!.GetValue<string>());
        Assert.Equal(questionsBefore, await host.QueryStoreAsync(db => db.Questions.CountAsync()));
    }

    [Fact]
    public async Task Post_UnknownInvokeName_AnswersWithA4xxNotA500()
    {
        var activity = host.Activity("feedback-invoke.json", a => a["name"] = "composeExtension/somethingUnheardOf");

        using var response = await host.PostAsync(activity);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Post_BodyOverTheSizeLimit_Gets413AndNothingIsRead()
    {
        // A real question padded past Bot:MaxRequestKilobytes (256 KiB) with a field nobody reads.
        var activity = host.Activity("personal-message.json", a => a["padding"] = new string('x', 300 * 1024));
        var before = host.Connector.Sent.Count;
        var questionsBefore = await host.QueryStoreAsync(db => db.Questions.CountAsync());

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, host.Connector.Sent.Count);
        Assert.Equal(questionsBefore, await host.QueryStoreAsync(db => db.Questions.CountAsync()));
    }

    [Fact]
    public async Task Post_BodyJustUnderTheSizeLimit_IsHandled()
    {
        var activity = host.Activity("personal-message.json", a => a["padding"] = new string('x', 200 * 1024));

        var reply = await host.AskAsync(activity);

        Assert.Contains("customer data", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Healthz_ReturnsOk()
    {
        using var response = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
