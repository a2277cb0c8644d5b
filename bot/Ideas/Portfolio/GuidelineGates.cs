using AdoptionBot.Core;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>The entry criteria of the guideline "From idea to rollout", the default of Portfolio:Gates.</summary>
public static class GuidelineGates
{
    public static readonly IReadOnlyList<string> Stages = [PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot, PipelineStages.Rollout];

    public static readonly IReadOnlyDictionary<string, GateOptions> All = new Dictionary<string, GateOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [PipelineStages.Assessment] = new()
        {
            DecidedBy = GateDeciders.Office,
            Criteria =
            [
                Checked("business-owner", "A named business owner", GateChecks.BusinessOwner),
                Checked("champion", "An AI champion or analyst assigned", GateChecks.ChampionOrAnalyst),
            ],
        },
        [PipelineStages.ProofOfConcept] = new()
        {
            DecidedBy = GateDeciders.Office,
            Criteria =
            [
                Checked("assessment", "Completed assessment sheet, by someone other than the submitter", GateChecks.Assessment),
                Checked("success-criteria", "Agreed, measurable success criteria", GateChecks.SuccessCriteria),
                Ticked("data-protection-precheck", "Data-protection pre-check passed (with the data protection officer)", GateTickers.Office),
                Checked("ai-act-screening", "EU AI Act screening done", GateChecks.Screening),
                Checked("no-prohibited-practice", "No prohibited practice (EU AI Act Art. 5)", GateChecks.NotProhibited),
            ],
        },
        [PipelineStages.Pilot] = new()
        {
            DecidedBy = GateDeciders.Board,
            Criteria =
            [
                Ticked("poc-criteria-met", "PoC success criteria met (link the PoC report)", GateTickers.Office),
                Ticked("security-review", "Security review by the CISO office (link the review ticket)", GateTickers.Office),
                Ticked("data-protection-check", "Data-protection check completed", GateTickers.Office),
                Ticked("works-council", "Works council informed, or agreement reached (link the fact sheet)", GateTickers.Office, GateConditions.PersonalData),
                Ticked("production-keys", "Production keys on the AI Gateway", GateTickers.Office),
                Ticked("users-trained", "Users trained", GateTickers.Owner),
                Checked("no-prohibited-practice", "No prohibited practice (EU AI Act Art. 5)", GateChecks.NotProhibited),
            ],
        },
        [PipelineStages.Rollout] = new()
        {
            DecidedBy = GateDeciders.Board,
            Criteria =
            [
                Ticked("pilot-kpis", "Pilot KPIs reached (link the pilot report)", GateTickers.Office),
                Ticked("business-case", "Positive business case with a payback of at most three years", GateTickers.Office),
                Ticked("operating-model", "Operating model agreed with IT, with a named application owner", GateTickers.Owner),
                Ticked("production-readiness", "Production-readiness checklist on the AI Gateway passed", GateTickers.Office),
                Checked("no-prohibited-practice", "No prohibited practice (EU AI Act Art. 5)", GateChecks.NotProhibited),
            ],
        },
    };

    private static GateCriterionOptions Checked(string id, string text, string check) => new() { Id = id, Text = text, Check = check };

    private static GateCriterionOptions Ticked(string id, string text, string tickedBy, string? when = null) => new() { Id = id, Text = text, TickedBy = tickedBy, When = when };
}
