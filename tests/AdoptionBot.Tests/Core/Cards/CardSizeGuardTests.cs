using System.Text.Json.Nodes;
using AdoptionBot.Core.Cards;
using AdoptionBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Tests.Core.Cards;

/// <summary>The guard every activity passes on its way out: a card over Teams' size limit becomes a plain line, anything else passes untouched.</summary>
public sealed class CardSizeGuardTests
{
    private const string Secret = "Confidential supplier name Zyxwv";

    private readonly CapturingLogger<CardSizeGuard> _logger = new();

    [Fact]
    public void MaxActivityBytes_IsUnderTeamsLimit()
    {
        Assert.InRange(CardSizeGuard.MaxActivityBytes, 20 * 1024, (28 * 1024) - 512);
    }

    [Fact]
    public async Task Reply_CardUnderTheLimit_IsSentUnchanged()
    {
        var card = CardWithText(10_000);

        var sent = await ReplyAsync(CardSerializer.ToMessage(card));

        var attachment = Assert.Single(sent.Attachments);
        Assert.Equal(CardSerializer.ToJson(card), JsonConvert.SerializeObject(attachment.Content));
        Assert.Null(sent.Text);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task Reply_CardOverTheLimit_IsReplacedByAPlainLineAndAWarningWithoutItsText()
    {
        var message = CardSerializer.ToMessage(CardWithText(40_000));

        var sent = await ReplyAsync(message);

        Assert.Empty(sent.Attachments ?? []);
        Assert.Equal(CardSizeGuard.TooLargeText, sent.Text);
        Assert.True(JsonConvert.SerializeObject(sent).Length < CardSizeGuard.MaxActivityBytes);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("reply card (buttons: idea.submit)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, warning.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_TextWithAnOversizedCard_KeepsTheTextAndSaysTheCardIsLeftOut()
    {
        var message = CardSerializer.ToMessage(CardWithText(40_000));
        message.Text = "Here is what I found.";

        var sent = await ReplyAsync(message);

        Assert.Empty(sent.Attachments ?? []);
        Assert.StartsWith("Here is what I found.", sent.Text, StringComparison.Ordinal);
        Assert.EndsWith(CardSizeGuard.TooLargeText, sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_LongTextWithoutCard_IsNotTheGuardsToChange()
    {
        var text = new string('t', 40_000);

        var sent = await ReplyAsync(MessageFactory.Text(text));

        Assert.Equal(text, sent.Text);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task OutboxSend_CardOverTheLimit_IsLoggedWithItsOutboxKind()
    {
        var sent = await ReplyAsync(CardSerializer.ToMessage(CardWithText(40_000)), kind: "statusUpdate");

        Assert.Equal(CardSizeGuard.TooLargeText, sent.Text);
        Assert.Contains("statusUpdate card", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardActionAnswer_CardOverTheLimit_BecomesAMessageAnswer()
    {
        var response = await InvokeAsync(CardWithText(40_000));

        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/vnd.microsoft.activity.message", body.Type);
        Assert.Equal(CardSizeGuard.TooLargeText, body.Value);
        Assert.Contains("card action answer card", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardActionAnswer_CardUnderTheLimit_IsUnchanged()
    {
        var response = await InvokeAsync(CardWithText(1_000));

        Assert.Equal(CardSerializer.ContentType, Assert.IsType<AdaptiveCardInvokeResponse>(response.Body).Type);
        Assert.Empty(_logger.Warnings);
    }

    /// <summary>A card of about <paramref name="textLength"/> characters of user text, with a submit button.</summary>
    private static AdaptiveCard CardWithText(int textLength) => new()
    {
        Body = [new TextBlock(Secret + " " + new string('x', textLength))],
        Actions = [new ExecuteAction("idea.submit") { Title = "Submit idea", Data = new JsonObject { ["verb"] = "idea.submit" } }],
    };

    private async Task<Activity> ReplyAsync(IActivity reply, string? kind = null)
    {
        var adapter = new TestAdapter().Use(new CardSizeGuard(_logger));
        await adapter.SendTextToBotAsync("hello", async (turn, token) =>
        {
            if (kind is not null)
            {
                turn.TurnState.Set(CardSizeGuard.KindKey, kind);
            }

            await turn.SendActivityAsync(reply, token);
        }, CancellationToken.None);
        return (Activity)adapter.GetNextReply();
    }

    private async Task<InvokeResponse> InvokeAsync(AdaptiveCard card)
    {
        var adapter = new TestAdapter().Use(new CardSizeGuard(_logger));
        InvokeResponse? response = null;
        var invoke = new Activity(ActivityTypes.Invoke) { Name = "adaptiveCard/action", Value = JObject.FromObject(new { action = new { type = "Action.Execute", verb = "idea.submit" } }) };
        await adapter.ProcessActivityAsync(invoke, async (turn, token) =>
        {
            // Registered after the guard's, so it sees what the guard let through.
            turn.OnSendActivities((_, activities, next) =>
            {
                response = activities.Single().Value as InvokeResponse;
                return next();
            });
            await turn.SendActivityAsync(new Activity(ActivityTypesEx.InvokeResponse) { Value = new InvokeResponse { Status = 200, Body = CardSerializer.ToInvokeResponse(card) } }, token);
        }, CancellationToken.None);
        return response ?? throw new InvalidOperationException("no invoke response");
    }
}
