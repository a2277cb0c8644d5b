using AdoptionBot.BusinessUnits;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas;

/// <summary>
/// The idea use cases behind the commands and card actions: each turns an activity (and card data) into the card to
/// show. Validation, permissions and concurrency outcomes all become plain cards; nothing a user sends throws.
/// </summary>
public sealed class IdeaFlow(
    IdeaService ideas,
    IKnowledgeSearch search,
    AdminGuard guard,
    IOptions<IdeasOptions> options,
    BusinessUnitDirectory businessUnits,
    IdeaPages pages,
    PortfolioService portfolio,
    FirstAnswerPromise promise,
    TimeProvider time)
{
    private const int MaxListed = 20;
    private static readonly KnowledgeFilter SimilarEntries = new([SourceKind.UseCase, SourceKind.Idea]);

    public async Task<AdaptiveCard> NewFormAsync(IActivity activity, string problem, CancellationToken cancellationToken)
    {
        if (UserIdentity.ObjectId(activity) is null)
        {
            return NeedsWorkAccount;
        }

        var formId = await ideas.IssueFormAsync(ActorOf(activity), cancellationToken);
        var units = await businessUnits.ListAsync(cancellationToken);
        var objectId = UserIdentity.ObjectId(activity);
        var unit = objectId is null ? null : await businessUnits.OfPersonAsync(objectId, cancellationToken);
        return IdeaCards.Form(IdeaSubmission.Empty(formId, problem, unit ?? ""), units);
    }

    public async Task<AdaptiveCard> SubmitAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        var submission = IdeaSubmission.From(data);
        var units = await businessUnits.ListAsync(cancellationToken);
        switch (await ideas.SubmitAsync(submission, ActorOf(activity), units, cancellationToken))
        {
            case SubmitResult.Created created:
                return IdeaCards.Confirmation(created.Idea, options.Value.NextStepText, await SimilarAsync(created.Idea, cancellationToken), created.AlreadySubmitted);
            case SubmitResult.Invalid invalid:
                return IdeaCards.Form(submission, units, invalid.Errors);
            case SubmitResult.ExpiredForm:
                return AdaptiveCard.Notice("This form has expired", $"Idea forms can be sent for {options.Value.FormValidDays} days. Type **new idea** for a fresh form; copy your text from this one first.");
            default:
                return UserIdentity.ObjectId(activity) is null
                    ? NeedsWorkAccount
                    : AdaptiveCard.Notice("This form can't be used any more", "It was not issued to you by me, or it has expired. Type **new idea** for a fresh form; copy your text from this one first.");
        }
    }

    /// <summary>
    /// An idea sent from a page (the tab) rather than a card: the same validation, one-time form and similar-use-case
    /// hints, told back without the record. <see cref="PageSubmission.Refusal"/> says why a form can no longer be used.
    /// </summary>
    public async Task<PageSubmission> SubmitFromPageAsync(IdeaSubmission submission, Actor actor, CancellationToken cancellationToken)
    {
        var units = await businessUnits.ListAsync(cancellationToken);
        return await ideas.SubmitAsync(submission, actor, units, cancellationToken) switch
        {
            SubmitResult.Created created => new PageSubmission(created.Idea.DisplayId, created.AlreadySubmitted, await SimilarAsync(created.Idea, cancellationToken), new Dictionary<string, string>(), null),
            SubmitResult.Invalid invalid => new PageSubmission(null, false, [], invalid.Errors, null),
            SubmitResult.ExpiredForm => new PageSubmission(null, false, [], new Dictionary<string, string>(), $"This form has expired (forms are good for {options.Value.FormValidDays} days)."),
            _ => new PageSubmission(null, false, [], new Dictionary<string, string>(), "This form can no longer be used."),
        };
    }

    /// <summary>A portfolio-team action: the card action router lets only the team's verbs through.</summary>
    public async Task<AdaptiveCard> SetStatusAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        var ideaIdText = data["ideaId"]?.Type == JTokenType.String || data["ideaId"]?.Type == JTokenType.Integer ? data["ideaId"]!.ToString() : null;
        if (!Idea.TryParseId(ideaIdText, out var ideaId))
        {
            return AdaptiveCard.Notice("Unknown idea", "The card did not say which idea to change. Type **triage** for a fresh list.");
        }

        var status = data["status"]?.Type == JTokenType.String ? data.Value<string>("status")!.Trim() : "";
        var version = CardData.Number(data, "version");
        var comment = CardData.Text(data, IdeaCards.CommentInputId(ideaId)) ?? CardData.Text(data, "comment");
        var current = await ideas.GetAsync(ideaId, cancellationToken);

        // A first answer (accept, decline) and a move forward are the portfolio's: its gates and decision rights decide.
        var actor = ActorOf(activity);
        var routed = current is null ? null : await portfolio.PortfolioStepAsync(current, status, comment, version, actor, cancellationToken);
        if (routed is PortfolioResult.GateOpen open)
        {
            return ConversationScope.IsPersonal(activity)
                ? PortfolioCards.GateOpen(open.Idea, open.Gate, withTickButtons: true)
                : AdaptiveCard.Notice("Status", $"{open.Idea.DisplayId} cannot move yet: {open.Gate.Missing.Count} entry criteria are open. {TriageIsPrivate}");
        }

        var notice = routed switch
        {
            PortfolioResult.Done done => $"{done.Idea.DisplayId} moved from {PipelineStages.DisplayName(current!.Status)} to {PipelineStages.DisplayName(done.Idea.Status)}.",
            PortfolioResult.Refused refused => refused.Message.EndsWith("Nothing was changed.", StringComparison.Ordinal) ? refused.Message : refused.Message + " Nothing was changed.",
            PortfolioResult.OnBoardAgenda board => $"The move of {board.Idea.DisplayId} to {PipelineStages.DisplayName(board.Item.ToStage)} is on the agenda of the portfolio board on {board.Item.MeetingDate:d MMM yyyy}: {board.Why}.",
            _ => (await ideas.SetStatusAsync(ideaId, status, comment, version, actor, cancellationToken)) switch
            {
                StatusResult.Changed changed => $"{changed.Idea.DisplayId} moved from {PipelineStages.DisplayName(changed.FromStatus)} to {PipelineStages.DisplayName(changed.Idea.Status)}.",
                StatusResult.NotFound => $"{Idea.FormatId(ideaId)} does not exist.",
                StatusResult.NotAllowed notAllowed => notAllowed.Message + " Nothing was changed.",
                StatusResult.Conflict conflict => $"{conflict.Idea.DisplayId} was changed by someone else meanwhile; it is now in {PipelineStages.DisplayName(conflict.Idea.Status)}. Nothing was changed — check the list below and decide again.",
                _ => "Nothing was changed.",
            },
        };
        // The list holds every open idea with names and excerpts: only in the member's 1:1 chat.
        return ConversationScope.IsPersonal(activity)
            ? await TriageAsync(0, notice, cancellationToken)
            : AdaptiveCard.Notice("Status", $"{notice} {TriageIsPrivate}");
    }

    private static AdaptiveCard NeedsWorkAccount { get; } = AdaptiveCard.Notice(
        "Ideas need your work account",
        "An idea is kept under the Microsoft Entra id of the person who submits it, and this conversation did not carry one. Submit it from Microsoft Teams, signed in with your work account.");

    /// <summary>What a triage page button pressed in a channel or group chat gets instead of the list.</summary>
    public static AdaptiveCard TriageOnlyInPersonalChat { get; } = AdaptiveCard.Notice("Triage", TriageIsPrivate + " Type **triage** there.");

    private const string TriageIsPrivate = "The triage list is shown only in a 1:1 chat with me, so that no one else reads it.";

    /// <summary>A portfolio-team view: the command router and the card action router let only the team through.</summary>
    public async Task<AdaptiveCard> TriageAsync(int page, string? notice, CancellationToken cancellationToken)
    {
        var size = options.Value.TriagePageSize;
        var (open, total) = await ideas.ListOpenAsync(page, size, cancellationToken);
        if (open.Count == 0 && page > 0)
        {
            page = Math.Max(0, (total - 1) / size);
            (open, total) = await ideas.ListOpenAsync(page, size, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var promises = open.Where(FirstAnswerPromise.AwaitsAnswer).ToDictionary(i => i.Id, i => promise.StateOf(i, now) switch
        {
            { Paused: true } => "waiting for the submitter's answer",
            { Overdue: true } state => $"first answer OVERDUE since {state.Due.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture)}",
            var state => $"first answer due {state.Due.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture)}",
        });
        return IdeaCards.Triage(open, page, size, total, now, notice, promises);
    }

    public async Task<AdaptiveCard> MyIdeasAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var objectId = UserIdentity.ObjectId(activity);
        var mine = objectId is null ? [] : await ideas.ListBySubmitterAsync(objectId, MaxListed, cancellationToken);
        return IdeaCards.MyIdeas(mine);
    }

    /// <summary>
    /// One idea. Its submitter and the portfolio team get the whole page with its history (the team also the buttons to
    /// move it on), in their 1:1 chat only; anyone else, and any channel or group chat, gets the catalogue view of an
    /// idea in the catalogue and otherwise the same answer as for an id that does not exist.
    /// </summary>
    public async Task<AdaptiveCard> IdeaPageAsync(IActivity activity, string idText, CancellationToken cancellationToken)
    {
        if (!Idea.TryParseId(idText, out _) && !Idea.LooksLikeExternalRef(idText))
        {
            return AdaptiveCard.Notice("Which idea?", "Type **idea** followed by its id, for example **idea IDEA-0001** or **idea UC-101**.");
        }

        var idea = await ideas.FindAsync(idText, cancellationToken);
        var viewer = new Viewer(UserIdentity.ObjectId(activity), ConversationOrigin.From(activity)?.TenantId, guard.IsAdmin(activity));
        if (idea is not null && ConversationScope.IsPersonal(activity) && IdeaVisibility.SeesWhole(idea, viewer))
        {
            return await pages.ForAsync(idea, activity, viewer.IsPortfolioTeam, cancellationToken);
        }

        return idea is not null && IdeaVisibility.SeesCatalogueEntry(idea, viewer)
            ? IdeaCards.CatalogueView(idea)
            : AdaptiveCard.Notice("Unknown idea", $"There is no idea {(Idea.TryParseId(idText, out var number) ? Idea.FormatId(number) : CardText.Plain(idText.Trim().ToUpperInvariant()))} you can see. Type **my ideas** in a 1:1 chat with me to see yours.");
    }

    private async Task<IReadOnlyList<SimilarEntry>> SimilarAsync(Idea idea, CancellationToken cancellationToken)
    {
        var count = options.Value.SimilarCount;
        if (count == 0)
        {
            return [];
        }

        // Entries of the idea's own business unit first (the people to talk to are closest), then from anywhere.
        var query = $"{idea.Title}. {idea.Problem}";
        var ofTenant = SimilarEntries with { ReaderTenant = idea.TenantId };
        var sameUnit = await search.SearchAsync(query, count * 2, ofTenant with { BusinessUnit = idea.BusinessUnit }, cancellationToken);
        var anyUnit = await search.SearchAsync(query, count * 4, ofTenant, cancellationToken);
        return sameUnit.Concat(anyUnit)
            .Where(p => p.Relevance >= options.Value.MinSimilarity && p.Chunk.SourceId != idea.DisplayId)
            .DistinctBy(p => p.Chunk.SourceId)
            .Take(count)
            .Select(p => new SimilarEntry(CompactTitle(p.Chunk.Title), PipelineStages.DisplayName(p.Chunk.Stage), p.Chunk.Owner))
            .ToList();
    }

    /// <summary>"UC-101 — Warranty claim summariser" reads as "UC-101 Warranty claim summariser" before " — Pilot, owner ...".</summary>
    private static string CompactTitle(string citationTitle)
    {
        var dash = citationTitle.IndexOf(" — ", StringComparison.Ordinal);
        return dash < 0 ? citationTitle : citationTitle[..dash] + " " + citationTitle[(dash + 3)..];
    }

    internal static Actor ActorOf(IActivity activity) =>
        new(UserIdentity.ObjectId(activity), string.IsNullOrWhiteSpace(activity.From?.Name) ? "someone" : activity.From.Name.Trim(), activity.From?.Id, ConversationOrigin.From(activity));

}
