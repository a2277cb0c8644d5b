using System.Text.Json.Nodes;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Ideas;

/// <summary>
/// One bot serving two Microsoft 365 tenants, through /api/messages: an idea in the catalogue of one tenant is found by
/// questions, idea pages and similar-idea hints of that tenant only; the knowledge files are everyone's.
/// </summary>
public sealed class CatalogueTenantTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private const string Other = "0e0e0e0e-2222-4333-8444-555555555555";
    private const string OtherEmployee = "4b4b4b4b-1111-4222-8333-666666666666";
    private const string Title = "Paint shop humidity forecaster";
    private const string Question = "Is anyone forecasting humidity in the paint shop?";

    [Fact]
    public async Task IdeaInTheCatalogue_IsCitedForItsOwnTenant_AndInvisibleToAnother()
    {
        var ideaId = await host.SubmitIdeaAsync(Title, f => f["problem"] = "Painters lose whole batches when the humidity in the paint shop rises unexpectedly.");
        await host.MoveIdeaAsync(ideaId, "assessment", 1);
        await host.MoveIdeaAsync(ideaId, "poc", 2);

        var home = await host.AskAsync(host.Activity("personal-message.json", a => a["text"] = Question));
        var other = await host.AskAsync(FromOtherTenant(host.Activity("personal-message.json", a => a["text"] = Question)));
        var otherPage = await host.AskAsync(FromOtherTenant(host.Activity("personal-message.json", a => a["text"] = "idea " + ideaId)));

        Assert.Contains(home.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>().StartsWith(ideaId, StringComparison.Ordinal));
        Assert.DoesNotContain(other.Citations ?? [], c => c!["appearance"]!["name"]!.GetValue<string>().StartsWith(ideaId, StringComparison.Ordinal));
        Assert.DoesNotContain(Title, ShownText.Joined(other), StringComparison.Ordinal);
        Assert.Contains($"no idea {ideaId} you can see", ShownText.Joined(otherPage), StringComparison.Ordinal);
        Assert.DoesNotContain(Title, ShownText.Joined(otherPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimilarIdeas_ShownAfterASubmission_AreOnlyOfTheSubmittersTenant()
    {
        const string Own = "Forklift battery swap planner";
        var ideaId = await host.SubmitIdeaAsync(Own, f => f["problem"] = "Forklift batteries run flat mid-shift because swaps are planned on paper.");
        await host.MoveIdeaAsync(ideaId, "assessment", 1);
        await host.MoveIdeaAsync(ideaId, "poc", 2);

        var sameTenantFields = BotTestHost.IdeaSubmission(await host.NewIdeaFormAsync(), "Forklift battery swap schedule");
        sameTenantFields["problem"] = "Forklift batteries run flat mid-shift; swaps are planned on paper.";
        var sameTenant = await host.PressAndReadAsync(sameTenantFields);
        var formReply = await host.AskAsync(FromOtherTenant(host.Activity("personal-message.json", a => a["text"] = "new idea")));
        var formId = formReply.Activity["attachments"]![0]!["content"]!["actions"]![0]!["data"]!["formId"]!.GetValue<string>();
        var otherFields = BotTestHost.IdeaSubmission(formId, "Forklift battery swap schedule");
        otherFields["problem"] = "Forklift batteries run flat mid-shift; swaps are planned on paper.";
        var otherTenant = await host.PressAndReadAsync(otherFields, change: a => FromOtherTenant(a));

        Assert.Contains(ideaId, sameTenant, StringComparison.Ordinal);
        Assert.Matches(BotTestHost.IdeaId(), otherTenant);
        Assert.DoesNotContain(ideaId, otherTenant, StringComparison.Ordinal);
        Assert.DoesNotContain(Own, otherTenant, StringComparison.Ordinal);
    }

    private static JsonObject FromOtherTenant(JsonObject activity)
    {
        activity["conversation"]!["tenantId"] = Other;
        if (activity["channelData"] is JsonObject channelData)
        {
            channelData["tenant"] = new JsonObject { ["id"] = Other };
        }

        activity["from"]!["aadObjectId"] = OtherEmployee;
        activity["from"]!["id"] = "29:" + OtherEmployee;
        activity["from"]!["name"] = "Other Tenant Employee";
        activity["conversation"]!["id"] = "a:other-tenant-" + OtherEmployee;
        return activity;
    }
}
