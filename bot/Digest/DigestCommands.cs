using AdoptionBot.BusinessUnits;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;

namespace AdoptionBot.Digest;

/// <summary>
/// "digest preview": the digest of the current week so far. In a channel that follows a business unit it is that
/// unit's digest (what the channel will get); elsewhere the portfolio team gets the company-wide digest, in their 1:1
/// chat.
/// </summary>
public sealed class DigestPreviewCommand(DigestCalculator calculator, BusinessUnitDirectory businessUnits, AdminGuard guard, PrivateAnswers privately) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["digest preview"];

    public bool AdminOnly => false;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(turnContext, cancellationToken);
        if (scope is null)
        {
            await turnContext.SendActivityAsync(
                "The adoption digest is made for team channels that follow a business unit (that unit's ideas and questions) "
                + "and for the portfolio team (the whole company). In a channel, **link** and a business unit name make it follow one; **digest preview** there shows its digest.",
                cancellationToken: cancellationToken);
            return;
        }

        var report = await calculator.CalculateCurrentAsync(scope.In(ConversationOrigin.From(turnContext.Activity)?.TenantId), cancellationToken);
        var card = CardSerializer.ToMessage(DigestCard.Build(report));
        if (scope == DigestScope.Company)
        {
            // The company-wide digest is the portfolio team's view: in their 1:1 chat only.
            await privately.RunAsync(turnContext, "digest preview", context => context.SendActivityAsync(card, cancellationToken), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(card, cancellationToken);
    }

    private async Task<DigestScope?> ScopeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (await businessUnits.OfChannelAsync(turnContext.Activity, cancellationToken) is { } unit)
        {
            return DigestScope.ForBusinessUnit(unit);
        }

        return guard.IsAdmin(turnContext.Activity) ? DigestScope.Company : null;
    }
}

/// <summary>"digest send" (portfolio team): this week's digests go out now instead of at the scheduled time, once per channel.</summary>
public sealed class DigestSendCommand(DigestCalculator calculator, DigestPublisher publisher) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["digest send"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var added = await publisher.PublishAsync(calculator.CurrentWeek(), cancellationToken);
        await turnContext.SendActivityAsync(
            added == 0
                ? "This week's digest was already sent to every linked channel and to the portfolio team; nothing was sent twice."
                : $"This week's digest is on its way to {added} {(added == 1 ? "recipient" : "recipients")} (linked channels and the portfolio team).",
            cancellationToken: cancellationToken);
    }
}
