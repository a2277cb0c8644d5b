using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Digest;

/// <summary>"digest preview" through /api/messages.</summary>
public sealed class DigestTurnTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    [Fact]
    public async Task DigestPreview_ByThePortfolioTeam_SendsTheCompanyWideDigestCard()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "digest preview";
            a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        }));

        var card = reply.Activity["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("Weekly adoption digest", card, StringComparison.Ordinal);
        await AdaptiveCardValidator.Shared.AssertValidAsync(card);
    }

    [Fact]
    public async Task DigestPreview_InALinkedChannel_SendsThatBusinessUnitsDigest()
    {
        var channel = "19:digest-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await host.AskAsync(host.ChannelMessage("link After Sales", channel));

        var reply = await host.AskAsync(host.ChannelMessage("digest preview", channel));

        var card = reply.Activity["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("After Sales", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestPreview_BySomeoneElseOutsideAChannel_ExplainsWhoGetsWhichDigest()
    {
        var reply = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = "digest preview"));

        Assert.Null(reply.Activity["attachments"]);
        Assert.Contains("portfolio team", reply.Text, StringComparison.Ordinal);
    }

}
