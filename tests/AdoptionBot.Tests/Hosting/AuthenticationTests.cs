using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using TokenKey = AdoptionBot.Tests.Support.StandInBotIdentity.TokenKey;

namespace AdoptionBot.Tests.Hosting;

/// <summary>
/// Every request to /api/messages needs a valid Bot Framework channel token: the probe is answer feedback, an invoke
/// the bot answers in the HTTP response and stores, so a refused request is one that changed nothing.
/// </summary>
[Collection(SecuredBotCollection.Name)]
public sealed class AuthenticationTests(SecuredBot secured)
{
    [Fact]
    public async Task AValidChannelToken_IsAccepted_AndTheTurnRuns()
    {
        var (activity, replyTo) = FeedbackInvoke();
        var token = secured.Identity.CreateToken(SecuredBot.AppId, secured.Connector.ServiceUrl);

        using var response = await PostAsync(activity, token);

        AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(1, await FeedbackCountAsync(replyTo));
        Assert.True(secured.Identity.KeyFetches >= 1, "the bot checked the signature against the published keys");
    }

    [Theory]
    [InlineData("no token")]
    [InlineData("wrong audience")]
    [InlineData("expired")]
    [InlineData("signed with a key that was never published")]
    [InlineData("signed with a key endorsed for another channel")]
    [InlineData("unsigned")]
    [InlineData("other issuer")]
    [InlineData("other issuer, unsigned")]
    [InlineData("issued for another service URL")]
    [InlineData("not a JWT")]
    public async Task AnInvalidToken_Gets401_AndChangesNothing(string kind)
    {
        var (activity, replyTo) = FeedbackInvoke();
        var serviceUrl = secured.Connector.ServiceUrl;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var identity = secured.Identity;
        var token = kind switch
        {
            "no token" => null,
            "wrong audience" => identity.CreateToken("0b7c5e1d-2222-4f70-8a9b-0c1d2e3f4a5b", serviceUrl),
            "expired" => identity.CreateToken(SecuredBot.AppId, serviceUrl, expires: now.AddMinutes(-10)),
            "signed with a key that was never published" => identity.CreateToken(SecuredBot.AppId, serviceUrl, key: TokenKey.Unpublished),
            "signed with a key endorsed for another channel" => identity.CreateToken(SecuredBot.AppId, serviceUrl, key: TokenKey.EndorsedForWebChatOnly),
            "unsigned" => StandInBotIdentity.CreateUnsignedToken(SecuredBot.AppId, serviceUrl),
            "other issuer" => identity.CreateToken(SecuredBot.AppId, serviceUrl, issuer: "https://login.example.com/not-the-bot-framework"),
            "other issuer, unsigned" => StandInBotIdentity.CreateUnsignedToken(SecuredBot.AppId, serviceUrl, issuer: "https://login.example.com/not-the-bot-framework"),
            "issued for another service URL" => identity.CreateToken(SecuredBot.AppId, "https://smba.trafficmanager.net/emea/"),
            "not a JWT" => "definitely-not-a-jwt-token-value",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await PostAsync(activity, token);

        AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Equal(0, await FeedbackCountAsync(replyTo));
        Assert.Empty(secured.Connector.Sent);
        if (token is not null)
        {
            // Neither the token nor its signature nor the app password reaches the log.
            foreach (var secret in new[] { token, token.Split('.')[^1], SecuredBot.AppPassword }.Where(s => s.Length >= 8))
            {
                Assert.DoesNotContain(secret, secured.Bot.Output, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Fails with the end of the bot's log, which says why a request was refused or failed.</summary>
    private void AssertStatus(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}. The bot's log ends:\n{string.Join('\n', secured.Bot.Output.Split('\n').TakeLast(40))}");

    private (JsonObject Activity, string ReplyTo) FeedbackInvoke()
    {
        var activity = JsonNode.Parse(File.ReadAllText(TestPaths.TestData("Activities", "feedback-invoke.json")))!.AsObject();
        var replyTo = "auth-" + Guid.NewGuid().ToString("N");
        activity["serviceUrl"] = secured.Connector.ServiceUrl;
        activity["id"] = Guid.NewGuid().ToString("N");
        activity["replyToId"] = replyTo;
        return (activity, replyTo);
    }

    private Task<int> FeedbackCountAsync(string replyTo) =>
        secured.Store.Factory.QueryAsync(db => db.AnswerFeedback.CountAsync(f => f.AnswerId == replyTo));

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        using var client = new HttpClient { BaseAddress = secured.Bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
