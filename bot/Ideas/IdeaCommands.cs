using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Questions;
using Microsoft.Bot.Builder;

namespace AdoptionBot.Ideas;

/// <summary>"new idea" / "submit idea": the idea form.</summary>
public sealed class NewIdeaCommand(IdeaFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["new idea", "submit idea"];

    public bool AdminOnly => false;

    /// <summary>Words after "new idea" pre-fill the problem.</summary>
    public bool Accepts(string arguments) => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await SendAsync(turnContext, await flow.NewFormAsync(turnContext.Activity, arguments, cancellationToken), cancellationToken);

    internal static Task SendAsync(ITurnContext turnContext, AdaptiveCard card, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(CardSerializer.ToMessage(card), cancellationToken);
}

/// <summary>"my ideas": the sender's ideas with status and last change.</summary>
public sealed class MyIdeasCommand(IdeaFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["my ideas"];

    public bool AdminOnly => false;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await NewIdeaCommand.SendAsync(turnContext, await flow.MyIdeasAsync(turnContext.Activity, cancellationToken), cancellationToken);
}

/// <summary>"idea IDEA-0001" or "idea UC-101": one use case with its history. Anything else starting with "idea" is a question.</summary>
public sealed class IdeaPageCommand(IdeaFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["idea"];

    public bool AdminOnly => false;

    public bool Accepts(string arguments) => Idea.TryParseId(arguments, out _) || Idea.LooksLikeExternalRef(arguments);

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await NewIdeaCommand.SendAsync(turnContext, await flow.IdeaPageAsync(turnContext.Activity, arguments, cancellationToken), cancellationToken);
}

/// <summary>Under a "not covered" answer: the button that opens the idea form with the question as the problem.</summary>
public sealed class SubmitAsIdeaOffer : INotCoveredOffer
{
    public AdaptiveCard OfferFor(string question) => IdeaCards.SubmitAsIdeaOffer(question);
}

/// <summary>"triage" (portfolio team): open ideas, oldest first, with buttons to move them on.</summary>
public sealed class TriageCommand(IdeaFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["triage"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await NewIdeaCommand.SendAsync(turnContext, await flow.TriageAsync(0, null, cancellationToken), cancellationToken);
}
