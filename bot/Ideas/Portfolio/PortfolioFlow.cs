using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>
/// Turns the portfolio's card actions into service calls and the card to show. Everything the portfolio team sees of an
/// idea stays in their 1:1 chat; anything a user sends that does not fit becomes a plain notice.
/// </summary>
public sealed class PortfolioFlow(PortfolioService portfolio, BoardService board, Register register, PortfolioExchange exchange, IdeaService ideas, IdeaPages pages, AdminGuard guard, WorkingCalendar calendar)
{
    public async Task<AdaptiveCard> AnswerAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (!TryIdea(data, out var ideaId))
        {
            return UnknownIdea;
        }

        var answer = Text(data, "answer") ?? "";
        var comment = Text(data, IdeaCards.CommentInputId(ideaId)) ?? Text(data, "comment");
        var mergeInto = Text(data, PortfolioCards.MergeInputId(ideaId)) ?? Text(data, "mergeInto");
        return await ResultAsync(activity, ideaId, await portfolio.AnswerAsync(ideaId, answer, comment, mergeInto, CardData.Number(data, "version"), IdeaFlow.ActorOf(activity), cancellationToken), cancellationToken);
    }

    public async Task<AdaptiveCard> AddInformationAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (!TryIdea(data, out var ideaId))
        {
            return UnknownIdea;
        }

        var result = await portfolio.AddInformationAsync(ideaId, Text(data, PortfolioCards.InformationInput), IdeaFlow.ActorOf(activity), cancellationToken);
        return AdaptiveCard.Notice(result is PortfolioResult.Done ? "Sent" : "Not sent", Message(result));
    }

    public async Task<AdaptiveCard> ReviveAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (!TryIdea(data, out var ideaId))
        {
            return UnknownIdea;
        }

        var result = await portfolio.AskToReviveAsync(ideaId, IdeaFlow.ActorOf(activity), cancellationToken);
        return AdaptiveCard.Notice(result is PortfolioResult.Done ? "Request sent" : "Not sent", Message(result));
    }

    public async Task<AdaptiveCard> DetailsFormAsync(IActivity activity, JObject data, CancellationToken cancellationToken) =>
        !ConversationScope.IsPersonal(activity) ? OnlyInPersonalChat
        : TryIdea(data, out var ideaId) && await ideas.GetAsync(ideaId, cancellationToken) is { } idea ? PortfolioCards.DetailsForm(idea)
        : UnknownIdea;

    public async Task<AdaptiveCard> DetailsAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (!TryIdea(data, out var ideaId))
        {
            return UnknownIdea;
        }

        // A field the card did not send stays as it is; one sent empty is cleared.
        var values = PortfolioExchange.DetailFields
            .Where(f => data[PortfolioCards.DetailInputId(f)]?.Type == JTokenType.String)
            .ToDictionary(f => f, f => data.Value<string>(PortfolioCards.DetailInputId(f))!);
        var (changed, problems, idea) = await exchange.EditAsync(ideaId, values, CardData.Number(data, "version"), IdeaFlow.ActorOf(activity), cancellationToken);
        if (idea is null)
        {
            return UnknownIdea;
        }

        if (problems.Count > 0)
        {
            return ConversationScope.IsPersonal(activity)
                ? PortfolioCards.DetailsForm(idea, "Nothing was saved: " + string.Join(" ", problems.Select(CardText.Plain)), values)
                : AdaptiveCard.Notice("Nothing was saved", string.Join(" ", problems.Select(CardText.Plain)));
        }

        return await ResultAsync(activity, ideaId, new PortfolioResult.Done(idea, changed.Count == 0 ? "Nothing to change." : $"{idea.DisplayId}: {string.Join(", ", changed)} saved."), cancellationToken);
    }

    public async Task<AdaptiveCard> AssessmentFormAsync(IActivity activity, JObject data, CancellationToken cancellationToken) =>
        !ConversationScope.IsPersonal(activity) ? OnlyInPersonalChat
        : TryIdea(data, out var ideaId) && await ideas.GetAsync(ideaId, cancellationToken) is { } idea ? PortfolioCards.AssessmentForm(idea)
        : UnknownIdea;

    public async Task<AdaptiveCard> AssessAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (!TryIdea(data, out var ideaId))
        {
            return UnknownIdea;
        }

        var input = new AssessmentInput(
            Choice(data, "value"), Text(data, "valueRationale") ?? "", Choice(data, "feasibility"), Text(data, "feasibilityRationale") ?? "",
            Text(data, "dataAvailability") ?? "", Text(data, "reuseCheck") ?? "", Text(data, "successCriteria") ?? "");
        var result = await portfolio.AssessAsync(ideaId, input, IdeaFlow.ActorOf(activity), cancellationToken);
        if (result is PortfolioResult.Refused refused && await ideas.GetAsync(ideaId, cancellationToken) is { } idea && ConversationScope.IsPersonal(activity))
        {
            return PortfolioCards.AssessmentForm(idea, refused.Message);
        }

        return await ResultAsync(activity, ideaId, result, cancellationToken);
    }

    public async Task<AdaptiveCard> ScreeningFormAsync(IActivity activity, JObject data, CancellationToken cancellationToken) =>
        !ConversationScope.IsPersonal(activity) ? OnlyInPersonalChat
        : TryIdea(data, out var ideaId) && await ideas.GetAsync(ideaId, cancellationToken) is { } idea ? PortfolioCards.ScreeningForm(idea)
        : UnknownIdea;

    public async Task<AdaptiveCard> ScreenAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (!TryIdea(data, out var ideaId))
        {
            return UnknownIdea;
        }

        var answers = new ScreeningAnswers(
            Several(data, "prohibited", AiActScreener.Prohibited),
            Toggle(data, "safetyComponent"),
            Several(data, "annexThree", AiActScreener.AnnexThree),
            Toggle(data, "narrowTask"),
            Toggle(data, "profiling"),
            Several(data, "transparency", AiActScreener.Transparency),
            Text(data, "role") ?? "");
        return await ResultAsync(activity, ideaId, await portfolio.ScreenAsync(ideaId, answers, IdeaFlow.ActorOf(activity), cancellationToken), cancellationToken);
    }

    public async Task<AdaptiveCard> TickAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (!TryIdea(data, out var ideaId) || Text(data, "stage") is not { } stage || Text(data, "criterion") is not { } criterion)
        {
            return UnknownIdea;
        }

        var result = await portfolio.TickAsync(ideaId, stage, criterion, Text(data, PortfolioCards.LinkInputId(criterion)), IdeaFlow.ActorOf(activity), guard.IsAdmin(activity), cancellationToken);
        return await ResultAsync(activity, ideaId, result, cancellationToken);
    }

    public const int RegisterPageSize = 15;

    /// <summary>A page of the register (portfolio team); a page button pressed outside the 1:1 chat gets a pointer there.</summary>
    public async Task<AdaptiveCard> RegisterAsync(IActivity activity, int page, CancellationToken cancellationToken) =>
        ConversationScope.IsPersonal(activity)
            ? PortfolioCards.RegisterCard(await register.PageAsync(page, RegisterPageSize, cancellationToken))
            : AdaptiveCard.Notice("Register", "The register is shown only in a 1:1 chat with me. Type **register** there.");

    /// <summary>The next board meeting's agenda (portfolio team, 1:1 chat: the router sees to both).</summary>
    public async Task<AdaptiveCard> AgendaAsync(string? notice, CancellationToken cancellationToken) =>
        PortfolioCards.Agenda(await board.NextAgendaAsync(cancellationToken), notice);

    public async Task<AdaptiveCard> DecideAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (ItemId(data) is not { } itemId)
        {
            return AdaptiveCard.Notice("Unknown agenda item", "The card did not say which move it decides. Type **board** for the current agenda.");
        }

        var result = await board.DecideAsync(itemId, Text(data, "decision") ?? "", Text(data, PortfolioCards.BoardCommentId(itemId)) ?? Text(data, "comment"), CardData.Number(data, "version"), IdeaFlow.ActorOf(activity), cancellationToken);
        return ConversationScope.IsPersonal(activity)
            ? await AgendaAsync(Message(result), cancellationToken)
            : AdaptiveCard.Notice("Board", $"{Message(result)} The agenda is shown only in a 1:1 chat with me.");
    }

    /// <summary>Legal's list of high-risk moves to sign off: for Portfolio:LegalReviewers, in their 1:1 chat.</summary>
    public async Task<AdaptiveCard> LegalReviewAsync(IActivity activity, string? notice, CancellationToken cancellationToken) =>
        !board.IsLegalReviewer(UserIdentity.ObjectId(activity)) ? AdaptiveCard.Notice("Legal review", "This list is for Legal's AI Act desk (Portfolio:LegalReviewers).")
        : !ConversationScope.IsPersonal(activity) ? AdaptiveCard.Notice("Legal review", "The list is shown only in a 1:1 chat with me. Type **legal review** there.")
        : PortfolioCards.LegalReview(await board.AwaitingSignOffAsync(cancellationToken), notice);

    public async Task<AdaptiveCard> SignOffAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        if (ItemId(data) is not { } itemId)
        {
            return AdaptiveCard.Notice("Unknown agenda item", "The card did not say which use case it signs off. Type **legal review** for the current list.");
        }

        var result = await board.SignOffAsync(itemId, IdeaFlow.ActorOf(activity), cancellationToken);
        return ConversationScope.IsPersonal(activity)
            ? await LegalReviewAsync(activity, Message(result), cancellationToken)
            : AdaptiveCard.Notice("Legal review", Message(result));
    }

    private static long? ItemId(JObject data) =>
        data["itemId"] is JValue { Type: JTokenType.Integer } value && long.TryParse(value.ToString(System.Globalization.CultureInfo.InvariantCulture), out var id) && id > 0 ? id : null;

    /// <summary>A forward move asked for with the idea's status button: the gates and decision rights decide.</summary>
    public async Task<AdaptiveCard> MoveAsync(IActivity activity, int ideaId, string stage, string? comment, int? version, CancellationToken cancellationToken) =>
        await ResultAsync(activity, ideaId, await portfolio.MoveAsync(ideaId, stage, comment, version, IdeaFlow.ActorOf(activity), cancellationToken), cancellationToken);

    /// <summary>The card after an action: in the actor's 1:1 chat the use case's page with the outcome on top; elsewhere the outcome alone.</summary>
    private async Task<AdaptiveCard> ResultAsync(IActivity activity, int ideaId, PortfolioResult result, CancellationToken cancellationToken)
    {
        var personal = ConversationScope.IsPersonal(activity);
        if (result is PortfolioResult.GateOpen open)
        {
            return personal
                ? PortfolioCards.GateOpen(open.Idea, open.Gate, withTickButtons: guard.IsAdmin(activity))
                : AdaptiveCard.Notice($"{open.Idea.DisplayId} cannot move yet", $"{open.Gate.Missing.Count} entry criteria are open. {OnlyInPersonalChatText}");
        }

        var message = Message(result);
        if (!personal || await ideas.GetAsync(ideaId, cancellationToken) is not { } idea)
        {
            return AdaptiveCard.Notice(result is PortfolioResult.Refused ? "Nothing was changed" : "Done", message);
        }

        var page = await pages.ForAsync(idea, activity, guard.IsAdmin(activity), cancellationToken);
        page.Body.Insert(0, new TextBlock(message) { Color = result is PortfolioResult.Refused ? "attention" : "good", Weight = "bolder" });
        return page;
    }

    private string Message(PortfolioResult result) => result switch
    {
        PortfolioResult.Done done => done.Message,
        PortfolioResult.Refused refused => refused.Message,
        PortfolioResult.OnBoardAgenda board => $"The move of {board.Idea.DisplayId} to {PipelineStages.DisplayName(board.Item.ToStage)} is on the agenda of the portfolio board on {board.Item.MeetingDate:dddd d MMM yyyy} ({board.Why}); papers are due {calendar.PapersDue(board.Item.MeetingDate):dddd d MMM}.",
        PortfolioResult.GateOpen open => $"{open.Gate.Missing.Count} entry criteria are open.",
        _ => "Nothing was changed.",
    };

    private const string OnlyInPersonalChatText = "Use case pages are shown only in a 1:1 chat with me, so that no one else reads them.";

    private static AdaptiveCard OnlyInPersonalChat { get; } = AdaptiveCard.Notice("In our 1:1 chat only", OnlyInPersonalChatText);

    private static AdaptiveCard UnknownIdea { get; } = AdaptiveCard.Notice("Unknown idea", "The card did not say which use case it is about. Type **idea** and its id for a fresh card.");

    private static bool TryIdea(JObject data, out int ideaId) =>
        Idea.TryParseId(data["ideaId"]?.Type is JTokenType.String or JTokenType.Integer ? data["ideaId"]!.ToString() : null, out ideaId);

    private static string? Text(JObject data, string name) =>
        data[name]?.Type == JTokenType.String && !string.IsNullOrWhiteSpace(data.Value<string>(name)) ? data.Value<string>(name)!.Trim() : null;

    private static bool Toggle(JObject data, string name) => string.Equals(Text(data, name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A 1–5 choice (Teams sends it as text); 0 when missing or not a number.</summary>
    private static int Choice(JObject data, string name) =>
        int.TryParse(Text(data, name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : CardData.Number(data, name) ?? 0;

    /// <summary>A multi-select's comma-separated values, kept only when they are among the card's choices.</summary>
    private static List<string> Several(JObject data, string name, IReadOnlyList<ScreeningChoice> choices) =>
        (Text(data, name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(v => choices.Any(c => c.Value == v))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
