using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using IActivity = Microsoft.Bot.Schema.IActivity;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>
/// What the portfolio adds to a use case's page: owner, programme contact, score, AI Act class, and the checklist of its
/// next gate; for the portfolio team the buttons to assess, screen and tick, for the submitter what is missing.
/// </summary>
public sealed class PortfolioPageSection(IDbContextFactory<AdoptionBotDbContext> contexts, GateCheck gates) : IIdeaPageSection
{
    public async Task<IdeaPagePart> PartAsync(Idea idea, bool forPortfolioTeam, IActivity activity, CancellationToken cancellationToken)
    {
        var facts = new List<Fact>();
        void Add(string title, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                facts.Add(new Fact(title, CardText.Plain(value)));
            }
        }

        Add("Business owner", idea.OwnerName);
        Add("Programme contact", idea.ProgrammeContactName);
        Add("AI champion", idea.AiChampion);
        facts.Add(new Fact("Score", idea.Score is { } score ? $"{score} of 25" : "not assessed"));
        facts.Add(new Fact("EU AI Act", idea.AiActClass is null ? "not screened" : $"{AiActClasses.DisplayName(idea.AiActClass)}: {CardText.Plain(idea.AiActReason ?? "")}"));
        Add("Parked because", idea.Status == PipelineStages.Parked ? idea.ParkedReason : null);
        var body = new List<CardElement> { new FactSet { Facts = facts, Separator = true } };

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.BoardItems.AsNoTracking().Where(b => b.IdeaId == idea.Id && b.Decision == null).OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken) is { } waiting)
        {
            body.Add(new TextBlock($"On the board agenda of {waiting.MeetingDate:d MMM yyyy}: move to {PipelineStages.DisplayName(waiting.ToStage)}.") { Weight = "bolder" });
        }

        if (await gates.NextGateAsync(db, idea, cancellationToken) is { } gate)
        {
            body.AddRange(PortfolioCards.Checklist(gate, withTickButtons: forPortfolioTeam, idea.Id));
        }

        var actions = forPortfolioTeam && idea.Status is not (PipelineStages.Rejected or PipelineStages.Merged) ? PortfolioCards.WorkActions(idea).ToList() : [];
        if (!forPortfolioTeam && idea.Status == PipelineStages.Parked)
        {
            actions.Add(PortfolioCards.ReviveRequest(idea));
        }

        return new IdeaPagePart(body, actions);
    }
}
