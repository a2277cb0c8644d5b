using AdoptionBot.Core;

namespace AdoptionBot.Ideas;

/// <summary>Who is looking: their Entra object id, their tenant, and whether they are on the portfolio team.</summary>
public sealed record Viewer(string? ObjectId, string? TenantId, bool IsPortfolioTeam);

/// <summary>
/// The one rule of who sees how much of a use case, for the bot's cards and the tabs alike: the portfolio team and its
/// submitter see all of it; anyone of its tenant sees a published use case as the catalogue shows it; nobody else sees
/// that it exists.
/// </summary>
public static class IdeaVisibility
{
    public static bool SeesWhole(Idea idea, Viewer viewer) => viewer.IsPortfolioTeam || IsSubmitter(idea, viewer.ObjectId);

    public static bool SeesCatalogueEntry(Idea idea, Viewer viewer) => idea.Published && TenantScope.Sees(viewer.TenantId, idea.TenantId);

    public static bool IsSubmitter(Idea idea, string? objectId) =>
        !string.IsNullOrWhiteSpace(objectId) && string.Equals(idea.SubmitterObjectId, objectId, StringComparison.OrdinalIgnoreCase);
}
