using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Questions;

/// <summary>A follow-up question through /api/messages is searched with the asker's previous question.</summary>
public sealed class FollowUpTurnTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private const string FollowUp = "who do I contact about it?";

    [Fact]
    public async Task FollowUpRightAfterAUseCaseQuestion_IsAnsweredFromThatUseCase_WhileTheSameWordsOnTheirOwnAreNotCovered()
    {
        var conversation = "a:follow-up-" + Guid.NewGuid().ToString("N");
        await host.AskAsync(Message("Is anyone already working on summarising warranty claims?", conversation));

        var followUp = await host.AskAsync(Message(FollowUp, conversation));
        var alone = await host.AskAsync(Message(FollowUp, "a:fresh-" + Guid.NewGuid().ToString("N")));

        Assert.Contains(followUp.Citations!, c => c!["appearance"]!["name"]!.GetValue<string>() == "UC-101 — Warranty claim summariser");
        Assert.Null(alone.Citations);
        Assert.Contains("don't cover this", alone.Text, StringComparison.Ordinal);
    }

    private System.Text.Json.Nodes.JsonObject Message(string text, string conversationId) => host.Activity("personal-message.json", a =>
    {
        a["text"] = text;
        a["conversation"]!["id"] = conversationId;
    });
}
