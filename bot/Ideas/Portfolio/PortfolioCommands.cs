using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>"board" (portfolio team): the next meeting's agenda with the papers' deadline and the decision buttons.</summary>
public sealed class BoardCommand(PortfolioFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["board"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(CardSerializer.ToMessage(await flow.AgendaAsync(null, cancellationToken)), cancellationToken);
}

/// <summary>"legal review" (Legal's AI Act desk): the high-risk moves waiting for a sign-off.</summary>
public sealed class LegalReviewCommand(PortfolioFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["legal review"];

    public bool AdminOnly => false;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(CardSerializer.ToMessage(await flow.LegalReviewAsync(turnContext.Activity, null, cancellationToken)), cancellationToken);
}

/// <summary>"register" (portfolio team): the AI use-case register, the most severe classes first.</summary>
public sealed class RegisterCommand(PortfolioFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["register"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(CardSerializer.ToMessage(await flow.RegisterAsync(turnContext.Activity, 0, cancellationToken)), cancellationToken);
}
