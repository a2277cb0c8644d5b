using System.Text.Json.Nodes;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Ideas;

/// <summary>
/// Who sees what of an idea through "idea IDEA-n": the whole page for its submitter and the portfolio team in their
/// 1:1 chat; for anyone else the catalogue view once the idea is in the catalogue, and before that the same answer as
/// for an id that does not exist.
/// </summary>
public sealed class IdeaVisibilityTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private const string Colleague = "7a7a7a7a-1111-4222-8333-444444444444";
    private const string Title = "Warranty claim triage assistant";
    private const string Problem = "Claims handlers read every warranty claim by hand before routing it.";
    private const string Solution = "A model that sorts claims by part and urgency.";
    private const string Benefit = "Routing within the hour";
    private const string DecisionComment = "Budget owner is Frank in controlling";

    [Fact]
    public async Task IdeaPage_ColleagueBeforeTheCatalogue_GetsTheAnswerForAnIdThatDoesNotExist()
    {
        var ideaId = await SubmitAsync();

        var seen = await AskAsync($"idea {ideaId}", Colleague);
        var unknown = await AskAsync("idea IDEA-9999", Colleague);

        Assert.Equal(unknown.Replace("IDEA-9999", ideaId, StringComparison.Ordinal), seen);
        Assert.Contains("no idea " + ideaId + " you can see", seen, StringComparison.Ordinal);
        AssertShowsNothingPrivate(seen);
    }

    [Fact]
    public async Task IdeaPage_ColleagueByBareNumber_SeesNothingEither()
    {
        var ideaId = await SubmitAsync();

        var seen = await AskAsync("idea " + int.Parse(ideaId[5..], System.Globalization.CultureInfo.InvariantCulture), Colleague);

        Assert.Contains("you can see", seen, StringComparison.Ordinal);
        AssertShowsNothingPrivate(seen);
    }

    [Fact]
    public async Task IdeaPage_ColleagueOnceInTheCatalogue_SeesOnlyTheCatalogueView()
    {
        var ideaId = await SubmitAsync();
        await host.MoveIdeaAsync(ideaId, "assessment", 1, DecisionComment);
        await host.MoveIdeaAsync(ideaId, "poc", 2);

        var seen = await AskAsync($"idea {ideaId}", Colleague);

        Assert.Contains(Title, seen, StringComparison.Ordinal);
        Assert.Contains(Problem, seen, StringComparison.Ordinal);
        Assert.Contains("After Sales", seen, StringComparison.Ordinal);
        Assert.Contains("Proof of concept", seen, StringComparison.Ordinal);
        Assert.Contains("Anna Keller", seen, StringComparison.Ordinal); // the owner, as the catalogue search shows it
        Assert.DoesNotContain(Solution, seen, StringComparison.Ordinal);
        Assert.DoesNotContain(Benefit, seen, StringComparison.Ordinal);
        Assert.DoesNotContain(DecisionComment, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("onfidential", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("History", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdeaPage_SubmitterAndPortfolioTeamInTheir1To1Chat_SeeTheWholePage()
    {
        var ideaId = await SubmitAsync();
        await host.MoveIdeaAsync(ideaId, "assessment", 1, DecisionComment);

        var submitter = await AskAsync($"idea {ideaId}", objectId: null);
        var admin = await AskAsync($"idea {ideaId}", BotTestHost.AdminObjectId);

        foreach (var page in new[] { submitter, admin })
        {
            Assert.Contains(Solution, page, StringComparison.Ordinal);
            Assert.Contains(DecisionComment, page, StringComparison.Ordinal);
            Assert.Contains("Confidential", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IdeaPage_SubmitterInAChannel_PostsNothingPrivateForTheChannelToRead()
    {
        var ideaId = await SubmitAsync();

        var reply = await host.AskAsync(host.ChannelMessage($"idea {ideaId}", "19:visibility@thread.tacv2"));
        var seen = Shown(reply);

        Assert.Contains("you can see", seen, StringComparison.Ordinal);
        AssertShowsNothingPrivate(seen);
    }

    private static void AssertShowsNothingPrivate(string seen)
    {
        foreach (var secret in new[] { Title, Problem, Solution, Benefit, "Anna Keller", "onfidential" })
        {
            Assert.DoesNotContain(secret, seen, StringComparison.Ordinal);
        }
    }

    /// <summary>Asks in the 1:1 chat of personal-message.json, as <paramref name="objectId"/> when given; returns what Teams shows.</summary>
    private async Task<string> AskAsync(string text, string? objectId) =>
        Shown(await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = text;
            if (objectId is not null)
            {
                a["from"]!["aadObjectId"] = objectId;
                a["from"]!["id"] = "29:" + objectId;
                a["from"]!["name"] = "Someone";
            }
        })));

    private static string Shown(SentActivity reply) => ShownText.Joined(reply);

    private Task<string> SubmitAsync() => host.SubmitIdeaAsync(Title, fields =>
    {
        fields["problem"] = Problem;
        fields["solution"] = Solution;
        fields["businessUnit"] = "After Sales";
        fields["benefit"] = Benefit;
        fields["dataClassification"] = "confidential";
        fields["personalData"] = "false";
    });
}
