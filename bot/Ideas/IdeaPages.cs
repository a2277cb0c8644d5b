using AdoptionBot.Core.Cards;
using IActivity = Microsoft.Bot.Schema.IActivity;

namespace AdoptionBot.Ideas;

/// <summary>What another module adds to a use case's page: elements after its own facts, and buttons.</summary>
/// <param name="TakesOverDecisions">The module decides the moves itself: the page leaves out the plain move, park and reject buttons.</param>
public sealed record IdeaPagePart(IReadOnlyList<CardElement> Body, IReadOnlyList<CardAction> Actions, bool TakesOverDecisions = false)
{
    public static readonly IdeaPagePart None = new([], []);
}

/// <summary>
/// A section of the page of one use case that its submitter and the portfolio team see in their 1:1 chat (the
/// portfolio adds the assessment, the screening and the gate there). <paramref name="forPortfolioTeam"/> is true for
/// the team's view, which may carry buttons; the submitter's view must not.
/// </summary>
public interface IIdeaPageSection
{
    Task<IdeaPagePart> PartAsync(Idea idea, bool forPortfolioTeam, IActivity activity, CancellationToken cancellationToken);
}

/// <summary>Puts a use case's page together from its own card and the sections other modules add.</summary>
public sealed class IdeaPages(IEnumerable<IIdeaPageSection> sections)
{
    public async Task<AdaptiveCard> ForAsync(Idea idea, IActivity activity, bool forPortfolioTeam, CancellationToken cancellationToken)
    {
        var parts = new List<IdeaPagePart>();
        foreach (var section in sections)
        {
            parts.Add(await section.PartAsync(idea, forPortfolioTeam, activity, cancellationToken));
        }

        return IdeaCards.IdeaPage(idea, forPortfolioTeam, parts);
    }
}
