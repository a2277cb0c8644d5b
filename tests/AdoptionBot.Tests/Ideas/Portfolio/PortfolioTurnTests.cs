using System.Text.Json;
using System.Text.Json.Nodes;
using AdoptionBot.Core;
using AdoptionBot.Ideas;
using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Tests.Support;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.Ideas.Portfolio;

/// <summary>
/// The portfolio office's work through /api/messages with Teams invoke JSON, on the guideline's gates: the four first
/// answers, the assessment, the EU AI Act screening and the gate of proof of concept with its decision rights.
/// </summary>
public abstract class PortfolioTurnTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private const string LegalObjectId = "1e9a0b7c-0000-4000-8000-00000000a1ac";

    private TStore _store = null!;
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>(_store.BotSettings)
        {
            [BotSettings.NoGatesKey] = null,
            ["Portfolio:LegalReviewers:0"] = LegalObjectId,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [StoreFact]
    public async Task Accept_MovesToAssessment_TheAccepterIsTheProgrammeContact_TheSubmitterIsTold()
    {
        var ideaId = await _host.SubmitIdeaAsync("Supplier audit digest");

        var body = await _host.MoveIdeaAsync(ideaId, PipelineStages.Assessment, 1);

        Assert.Contains($"{ideaId} moved from Submitted to Assessment", body, StringComparison.Ordinal);
        var idea = await StoredAsync(ideaId);
        Assert.Equal(PipelineStages.Assessment, idea.Status);
        Assert.Equal(FirstAnswers.Accepted, idea.FirstAnswer);
        Assert.NotNull(idea.FirstAnswerAtUtc);
        Assert.Equal(BotTestHost.AdminObjectId, idea.ProgrammeContactObjectId);
        await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains($"Your idea {ideaId} moved on", StringComparison.Ordinal) && ShownText.Joined(a).Contains("Accepted for assessment", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task MoreInformation_PausesTheClock_TheSubmitterAnswersInTheCard_OnlyTheSubmitterCan()
    {
        var ideaId = await _host.SubmitIdeaAsync("Tender summaries");

        var asked = await _host.PressAndReadAsync(Answer(ideaId, FirstAnswers.MoreInformation, comment: "Which tenders, and how many a month?"), admin: true);

        Assert.Contains("the five-day clock pauses", asked, StringComparison.Ordinal);
        Assert.NotNull((await StoredAsync(ideaId)).ClockPausedAtUtc);
        var request = (await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains($"The portfolio office asks about your idea {ideaId}", StringComparison.Ordinal)))[^1];
        Assert.Contains("Which tenders, and how many a month?", ShownText.Joined(request), StringComparison.Ordinal);

        var stranger = await _host.PressAndReadAsync(AddInformation(ideaId, "All of them."), change: a => a["from"]!["aadObjectId"] = "77777777-0000-4000-8000-000000000077");
        Assert.Contains("Only the person who submitted this idea", stranger, StringComparison.Ordinal);

        var answered = await _host.PressAndReadAsync(AddInformation(ideaId, "About 40 tenders a month, in Purchasing."));

        Assert.Contains("Your answer was added", answered, StringComparison.Ordinal);
        var idea = await StoredAsync(ideaId);
        Assert.Null(idea.ClockPausedAtUtc);
        Assert.Equal(PipelineStages.Submitted, idea.Status);
        Assert.Contains(idea.History, h => h.Kind == IdeaHistoryKinds.Info && h.Comment == "About 40 tenders a month, in Purchasing.");
    }

    [StoreFact]
    public async Task Merge_IntoAPublishedUseCase_IntroducesItsOwner_TheDuplicateKeepsAPointer()
    {
        var ideaId = await _host.SubmitIdeaAsync("Warranty claim helper");
        var other = await _host.SubmitIdeaAsync("Confidential idea of someone");

        var refused = await _host.PressAndReadAsync(Answer(ideaId, FirstAnswers.Merged, mergeInto: other), admin: true);
        Assert.Contains("is not in the catalogue", refused, StringComparison.Ordinal);

        var merged = await _host.PressAndReadAsync(Answer(ideaId, FirstAnswers.Merged, mergeInto: "uc-101"), admin: true);

        Assert.Contains("merged into UC-101", merged, StringComparison.Ordinal);
        var idea = await StoredAsync(ideaId);
        var target = await _host.QueryStoreAsync(db => db.Ideas.SingleAsync(i => i.ExternalRef == "UC-101"));
        Assert.Equal(PipelineStages.Merged, idea.Status);
        Assert.Equal(target.Id, idea.MergedIntoId);
        await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains("its owner Jonas Brandt", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Decline_NeedsAReason()
    {
        var ideaId = await _host.SubmitIdeaAsync("Chatbot for everything");

        var refused = await _host.MoveIdeaAsync(ideaId, PipelineStages.Rejected, 1);
        Assert.Contains("Say why", refused, StringComparison.Ordinal);
        Assert.Equal(PipelineStages.Submitted, (await StoredAsync(ideaId)).Status);

        await _host.MoveIdeaAsync(ideaId, PipelineStages.Rejected, 1, comment: "The company chat already does this.");

        var idea = await StoredAsync(ideaId);
        Assert.Equal(PipelineStages.Rejected, idea.Status);
        Assert.Equal(FirstAnswers.Declined, idea.FirstAnswer);
    }

    [StoreFact]
    public async Task Assessment_BySomeoneOtherThanTheSubmitter_ScoresValueTimesFeasibility()
    {
        var ideaId = await AcceptedAsync("Supplier risk summaries");
        var submitter = (await StoredAsync(ideaId)).SubmitterObjectId;
        await SetSubmitterAsync(ideaId, BotTestHost.AdminObjectId);

        var own = await _host.PressAndReadAsync(Assessment(ideaId, 4, 4), admin: true);

        Assert.Contains("someone else assesses it", own, StringComparison.Ordinal);
        Assert.Null((await StoredAsync(ideaId)).Score);

        await SetSubmitterAsync(ideaId, submitter);
        var assessed = await _host.PressAndReadAsync(Assessment(ideaId, 4, 4), admin: true);

        Assert.Contains("score 16 of 25 (value 4 × feasibility 4)", assessed, StringComparison.Ordinal);
        var idea = await StoredAsync(ideaId);
        Assert.Equal(16, idea.Score);
        Assert.Contains(idea.History, h => h.Kind == IdeaHistoryKinds.Assessment && h.Comment!.StartsWith("score 16", StringComparison.Ordinal));
        var sheet = await _host.QueryStoreAsync(db => db.Assessments.SingleAsync(a => a.IdeaId == idea.Id));
        Assert.Equal((4, 4, "available", BotTestHost.AdminObjectId), (sheet.Value, sheet.Feasibility, sheet.DataAvailability, sheet.AssessorObjectId));
    }

    [StoreFact]
    public async Task Assessment_OutOfRangeOrIncomplete_TheFormComesBackWithWhatIsMissing_NothingStored()
    {
        var ideaId = await AcceptedAsync("Supplier risk summaries");
        var data = Assessment(ideaId, 7, 3);
        data["successCriteria"] = "";

        var body = await _host.PressAndReadAsync(data, admin: true);

        Assert.Contains("needs value 1 to 5, measurable success criteria", body, StringComparison.Ordinal);
        Assert.Contains(PortfolioCards.AssessVerb, body, StringComparison.Ordinal);
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.Assessments.CountAsync(a => a.IdeaId == Number(ideaId))));
    }

    [StoreFact]
    public async Task Screening_EmploymentWithoutExemption_IsHighRisk_EmotionRecognitionOfWorkers_IsProhibitedAndCannotMove()
    {
        var ideaId = await AcceptedAsync("Shift planning assistant");

        var highRisk = await _host.PressAndReadAsync(Screening(ideaId, annexThree: "employment"), admin: true);

        Assert.Contains("High-risk — Annex III: employment", highRisk, StringComparison.Ordinal);
        Assert.Contains("not legal advice", highRisk, StringComparison.Ordinal);
        Assert.Equal(AiActClasses.HighRisk, (await StoredAsync(ideaId)).AiActClass);

        await _host.PressAndReadAsync(Screening(ideaId, prohibited: "emotion-recognition-work-education"), admin: true);
        var moved = await _host.MoveIdeaAsync(ideaId, PipelineStages.ProofOfConcept, (await StoredAsync(ideaId)).Version);

        Assert.Contains("prohibited practice", moved, StringComparison.Ordinal);
        Assert.Equal(PipelineStages.Assessment, (await StoredAsync(ideaId)).Status);
        var screenings = await _host.QueryStoreAsync(db => db.AiActScreenings.Where(s => s.IdeaId == Number(ideaId)).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([AiActClasses.HighRisk, AiActClasses.Prohibited], screenings.Select(s => s.Result));
        Assert.All(screenings, s => Assert.Equal(BotTestHost.AdminObjectId, s.ScreenedByObjectId));
    }

    [StoreFact]
    public async Task MoveToProofOfConcept_OpenCriteriaListedWithWhoTicks_TickedAndScreenedMinimal_TheOfficeMovesIt()
    {
        var ideaId = await AcceptedAsync("Contract clause finder");
        await _host.PressAndReadAsync(Assessment(ideaId, 4, 4), admin: true);

        var refused = await _host.MoveIdeaAsync(ideaId, PipelineStages.ProofOfConcept, (await StoredAsync(ideaId)).Version);

        Assert.Contains("cannot move to Proof of concept yet", refused, StringComparison.Ordinal);
        Assert.Contains("Data-protection pre-check passed (with the data protection officer) — ticked by the portfolio office", refused, StringComparison.Ordinal);
        Assert.Contains("EU AI Act screening done", refused, StringComparison.Ordinal);
        Assert.Contains(PortfolioCards.TickVerb, refused, StringComparison.Ordinal);
        Assert.Equal(PipelineStages.Assessment, (await StoredAsync(ideaId)).Status);

        var byEmployee = await _host.PressAndReadAsync(Tick(ideaId, PipelineStages.ProofOfConcept, "data-protection-precheck"));
        Assert.Contains("is ticked by the portfolio office", byEmployee, StringComparison.Ordinal);
        await _host.PressAndReadAsync(Tick(ideaId, PipelineStages.ProofOfConcept, "data-protection-precheck", "https://dpo.example/checks/118"), admin: true);
        await _host.PressAndReadAsync(Screening(ideaId), admin: true);

        var moved = await _host.MoveIdeaAsync(ideaId, PipelineStages.ProofOfConcept, (await StoredAsync(ideaId)).Version);

        Assert.Contains("moved from Assessment to Proof of concept", moved, StringComparison.Ordinal);
        var idea = await StoredAsync(ideaId);
        Assert.Equal(PipelineStages.ProofOfConcept, idea.Status);
        Assert.True(idea.Published);
        var tick = await _host.QueryStoreAsync(db => db.GateTicks.SingleAsync(t => t.IdeaId == idea.Id));
        Assert.Equal(("data-protection-precheck", "https://dpo.example/checks/118", BotTestHost.AdminObjectId), (tick.Criterion, tick.Link, tick.TickedByObjectId));
        Assert.Contains(idea.History, h => h.Kind == IdeaHistoryKinds.Tick);
    }

    [StoreFact]
    public async Task MoveOfAHighRiskUseCase_GoesOnTheNextBoardAgenda_NotMoved()
    {
        var ideaId = await AcceptedAsync("Applicant pre-screening");
        await _host.PressAndReadAsync(Assessment(ideaId, 4, 4), admin: true);
        await _host.PressAndReadAsync(Tick(ideaId, PipelineStages.ProofOfConcept, "data-protection-precheck"), admin: true);
        await _host.PressAndReadAsync(Screening(ideaId, annexThree: "employment"), admin: true);

        var queued = await _host.MoveIdeaAsync(ideaId, PipelineStages.ProofOfConcept, (await StoredAsync(ideaId)).Version);

        Assert.Contains("on the agenda of the portfolio board", queued, StringComparison.Ordinal);
        Assert.Contains("a high-risk use case is decided by the board", queued, StringComparison.Ordinal);
        Assert.Equal(PipelineStages.Assessment, (await StoredAsync(ideaId)).Status);
        var item = await _host.QueryStoreAsync(db => db.BoardItems.SingleAsync(b => b.IdeaId == Number(ideaId)));
        Assert.Equal(DayOfWeek.Tuesday, item.MeetingDate.DayOfWeek);
        Assert.Null(item.Decision);

        // The plain status button cannot go round the board either.
        var again = await _host.MoveIdeaAsync(ideaId, PipelineStages.ProofOfConcept, (await StoredAsync(ideaId)).Version);
        Assert.Equal(1, await _host.QueryStoreAsync(db => db.BoardItems.CountAsync(b => b.IdeaId == Number(ideaId))));
        Assert.Contains("on the agenda of the portfolio board", again, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Board_HighRiskNeedsLegalSignOff_ThenApprovalMovesItAndTellsTheOwner()
    {
        var ideaId = await HighRiskOnTheAgendaAsync("Applicant pre-screening");
        var agenda = ShownText.Joined(await SayAsync("board", BotTestHost.AdminObjectId));
        Assert.Contains($"{ideaId} Applicant pre-screening", agenda, StringComparison.Ordinal);
        Assert.Contains("Papers due Wednesday", agenda, StringComparison.Ordinal);
        Assert.Contains("not yet: needed before approval", agenda, StringComparison.Ordinal);
        var item = await _host.QueryStoreAsync(db => db.BoardItems.SingleAsync(b => b.IdeaId == Number(ideaId)));

        var early = await _host.PressAndReadAsync(Decision(item, BoardDecisions.Approved), admin: true);
        Assert.Contains("needs the sign-off of Legal's AI Act desk", early, StringComparison.Ordinal);

        var employee = ShownText.Joined(await SayAsync("legal review", "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80"));
        Assert.DoesNotContain(ideaId, employee, StringComparison.Ordinal);
        var legal = ShownText.Joined(await SayAsync("legal review", LegalObjectId));
        Assert.Contains(ideaId, legal, StringComparison.Ordinal);
        var signed = await _host.PressAndReadAsync(new JsonObject { ["verb"] = PortfolioCards.SignOffVerb, ["itemId"] = item.Id }, change: a => a["from"]!["aadObjectId"] = LegalObjectId);
        Assert.Contains($"{ideaId} signed off for the board", signed, StringComparison.Ordinal);

        item = await _host.QueryStoreAsync(db => db.BoardItems.SingleAsync(b => b.IdeaId == Number(ideaId)));
        var approved = await _host.PressAndReadAsync(Decision(item, BoardDecisions.Approved, "Go, with monthly bias reports."), admin: true);

        Assert.Contains($"The board approved {ideaId}", approved, StringComparison.Ordinal);
        Assert.Equal(PipelineStages.ProofOfConcept, (await StoredAsync(ideaId)).Status);
        item = await _host.QueryStoreAsync(db => db.BoardItems.SingleAsync(b => b.IdeaId == Number(ideaId)));
        Assert.Equal((BoardDecisions.Approved, BotTestHost.AdminObjectId, LegalObjectId), (item.Decision, item.DecidedByObjectId, item.LegalSignOffByObjectId));
        Assert.NotNull(item.OwnerToldAtUtc);
        await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains($"Your idea {ideaId} moved on", StringComparison.Ordinal) && ShownText.Joined(a).Contains("monthly bias reports", StringComparison.Ordinal));

        var twice = await _host.PressAndReadAsync(Decision(item, BoardDecisions.Declined, "No."), admin: true);
        Assert.Contains("was recorded by", twice, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Board_DeclineNeedsAReason_DeferMovesItToTheNextMeeting()
    {
        var ideaId = await HighRiskOnTheAgendaAsync("Badge photo matching");
        var item = await _host.QueryStoreAsync(db => db.BoardItems.SingleAsync(b => b.IdeaId == Number(ideaId)));

        var noReason = await _host.PressAndReadAsync(Decision(item, BoardDecisions.Declined), admin: true);
        Assert.Contains("Say why the board declines", noReason, StringComparison.Ordinal);

        await _host.PressAndReadAsync(Decision(item, BoardDecisions.Deferred, "Bring the works council's view."), admin: true);

        var items = await _host.QueryStoreAsync(db => db.BoardItems.Where(b => b.IdeaId == Number(ideaId)).OrderBy(b => b.Id).ToListAsync());
        Assert.Equal([BoardDecisions.Deferred, null], items.Select(b => b.Decision));
        Assert.Equal(item.MeetingDate.AddDays(14), items[1].MeetingDate);
        Assert.Equal(PipelineStages.Assessment, (await StoredAsync(ideaId)).Status);
        await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains($"The portfolio board on your idea {ideaId}", StringComparison.Ordinal) && ShownText.Joined(a).Contains("works council", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Register_ListsEveryUseCaseMostSevereFirst_WithClassReasonRoleOwnerAndStage_OnlyForThePortfolioTeam()
    {
        var ideaId = await AcceptedAsync("Shift planning assistant");
        await _host.PressAndReadAsync(Screening(ideaId, annexThree: "employment"), admin: true);

        var register = ShownText.Joined(await SayAsync("register", BotTestHost.AdminObjectId));

        Assert.Contains("1 high-risk", register, StringComparison.Ordinal);
        var first = register.IndexOf($"{ideaId} Shift planning assistant", StringComparison.Ordinal);
        Assert.True(first >= 0 && first < register.IndexOf("UC-101", StringComparison.Ordinal), register);
        Assert.Contains("High-risk: Annex III: employment", register, StringComparison.Ordinal);
        Assert.Contains("deployer · owner Anna Keller · Assessment · Purchasing", register, StringComparison.Ordinal);

        var employee = ShownText.Joined(await SayAsync("register", "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80"));
        Assert.DoesNotContain(ideaId, employee, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task LateFirstAnswer_ShownInTriage_FlaggedToTheTeamOnce_ListedInTheCompanyDigest_NotWhilePaused()
    {
        var late = await _host.SubmitIdeaAsync("Forgotten idea");
        var paused = await _host.SubmitIdeaAsync("Idea waiting for its submitter");
        await _host.PressAndReadAsync(Answer(paused, FirstAnswers.MoreInformation, comment: "How often does this happen?"), admin: true);
        var fortnightAgo = DateTime.UtcNow.AddDays(-14);
        await _host.QueryStoreAsync(db => db.Ideas.Where(i => i.Id == Number(late) || i.Id == Number(paused)).ExecuteUpdateAsync(u => u.SetProperty(i => i.CreatedAtUtc, fortnightAgo)));

        var triage = ShownText.Joined(await SayAsync("triage", BotTestHost.AdminObjectId));
        Assert.Contains("first answer OVERDUE since", triage, StringComparison.Ordinal);
        Assert.Contains("waiting for the submitter's answer", triage, StringComparison.Ordinal);

        var watch = _host.Services.GetRequiredService<PortfolioWatch>();
        Assert.Equal(1, await watch.CheckAsync(CancellationToken.None)); // the team has one member with a chat: the admin
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));
        var flag = (await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains("First answer overdue", StringComparison.Ordinal)))[^1];
        Assert.Contains(late, ShownText.Joined(flag), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Connector.Sent, a => ShownText.Joined(a).Contains($"First answer overdue: {paused}", StringComparison.Ordinal));
        Assert.Equal(2, (await StoredAsync(late)).FirstAnswerEscalation);

        var digest = ShownText.Joined(await SayAsync("digest preview", BotTestHost.AdminObjectId));
        Assert.Contains("First answers overdue", digest, StringComparison.Ordinal);
        Assert.Contains($"1: {late} (due", digest, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task LateFirstAnswer_WithAProgrammeContact_GoesToThemFirst()
    {
        const string contact = "c0c0c0c0-0000-4000-8000-00000000c0c0";
        var late = await _host.SubmitIdeaAsync("Idea with a contact");
        var fortnightAgo = DateTime.UtcNow.AddDays(-14);
        await _host.QueryStoreAsync(db => db.Ideas.Where(i => i.Id == Number(late)).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.CreatedAtUtc, fortnightAgo)
            .SetProperty(i => i.ProgrammeContactObjectId, contact)
            .SetProperty(i => i.ProgrammeContactName, "Carla Contact")));

        await _host.Services.GetRequiredService<PortfolioWatch>().CheckAsync(CancellationToken.None);

        // Fourteen days ago is more than a working day past the promise: the contact's flag is followed by the team's.
        Assert.Equal(1, (await StoredAsync(late)).FirstAnswerEscalation);
        await _host.Services.GetRequiredService<PortfolioWatch>().CheckAsync(CancellationToken.None);
        Assert.Equal(2, (await StoredAsync(late)).FirstAnswerEscalation);
    }

    [StoreFact]
    public async Task Parked_StaysInTheCatalogueWithItsReason_ReviewDueAfterSixMonthsOnce_TheOwnerCanAskToRevive()
    {
        await SayAsync("help", BotTestHost.AdminObjectId); // the admin's 1:1 chat, where team notices go
        var useCase = await _host.QueryStoreAsync(db => db.Ideas.SingleAsync(i => i.ExternalRef == "UC-102"));
        var parked = await _host.MoveIdeaAsync(Idea.FormatId(useCase.Id), PipelineStages.Parked, useCase.Version, comment: "Supplier news feeds are not licensed yet.");
        Assert.Contains("UC-102 moved from Proof of concept to Parked", parked, StringComparison.Ordinal);

        var view = ShownText.Joined(await SayAsync("idea UC-102", "77777777-0000-4000-8000-000000000077"));
        Assert.Contains("Parked because", view, StringComparison.Ordinal);
        Assert.Contains("Supplier news feeds are not licensed yet.", view, StringComparison.Ordinal);

        var watch = _host.Services.GetRequiredService<PortfolioWatch>();
        Assert.Equal(0, await watch.CheckParkedAsync(CancellationToken.None));
        var sevenMonthsAgo = DateTime.UtcNow.AddMonths(-7);
        await _host.QueryStoreAsync(db => db.Ideas.Where(i => i.Id == useCase.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.StageEnteredAtUtc, sevenMonthsAgo)));
        Assert.Equal(1, await watch.CheckParkedAsync(CancellationToken.None));
        Assert.Equal(0, await watch.CheckParkedAsync(CancellationToken.None));
        await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains("Parked use case due for review: UC-102", StringComparison.Ordinal));

        var ideaId = await AcceptedAsync("Paused idea");
        await _host.MoveIdeaAsync(ideaId, PipelineStages.Parked, (await StoredAsync(ideaId)).Version, comment: "No budget this year.");
        var stranger = await _host.PressAndReadAsync(new JsonObject { ["verb"] = PortfolioCards.ReviveVerb, ["ideaId"] = ideaId }, change: a => a["from"]!["aadObjectId"] = "77777777-0000-4000-8000-000000000077");
        Assert.Contains("Only the business owner", stranger, StringComparison.Ordinal);
        var asked = await _host.PressAndReadAsync(new JsonObject { ["verb"] = PortfolioCards.ReviveVerb, ["ideaId"] = ideaId });
        Assert.Contains("has your request to revive", asked, StringComparison.Ordinal);
        await _host.Connector.WaitForAsync(a => ShownText.Joined(a).Contains($"asks to revive {ideaId}", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Export_AFileConsentCard_AcceptUploadsTheWorkbookOfEveryUseCaseWithItsGateStatus_OnlyForThePortfolioTeam()
    {
        var ideaId = await AcceptedAsync("Contract clause finder");
        await _host.PressAndReadAsync(Assessment(ideaId, 4, 4), admin: true);

        var reply = await SayAsync("portfolio export", BotTestHost.AdminObjectId);

        var consent = reply.Activity["attachments"]![0]!;
        Assert.Equal(PortfolioFiles.ConsentContentType, consent["contentType"]!.GetValue<string>());
        Assert.True(consent["content"]!["sizeInBytes"]!.GetValue<long>() > 0);
        var name = consent["name"]!.GetValue<string>();
        Assert.EndsWith(".xlsx", name, StringComparison.Ordinal);

        using (var employee = await _host.PostAsync(FileConsent(consent, name, "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, employee.StatusCode);
            Assert.Null(_host.Connector.Uploaded(name));
        }

        using (var accepted = await _host.PostAsync(FileConsent(consent, name, BotTestHost.AdminObjectId)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
        }

        var (content, range) = _host.Connector.Uploaded(name)!.Value;
        Assert.Equal($"bytes 0-{content.Length - 1}/{content.Length}", range);
        var table = PortfolioWorkbook.Read(content, name);
        Assert.Equal(PortfolioExchange.Headers, table.Headers);
        var column = table.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        var idea = table.Rows.Single(r => r[column["Id"]] == ideaId);
        Assert.Equal(("Assessment", "16", "Proof of concept"), (idea[column["Stage"]], idea[column["Score (1-25)"]], idea[column["Next gate"]]));
        Assert.Contains("open: Data-protection pre-check passed", idea[column["Gate status"]], StringComparison.Ordinal);
        Assert.Equal("Pilot", table.Rows.Single(r => r[column["Id"]] == "UC-101")[column["Stage"]]);
        Assert.Equal(await _host.QueryStoreAsync(db => db.Ideas.CountAsync()), table.Rows.Count);
        await _host.Connector.WaitForAsync(a => a.Activity["attachments"]?[0]?["contentType"]?.GetValue<string>() == PortfolioFiles.FileInfoContentType);
    }

    [StoreFact]
    public async Task Import_ShowsWhatWouldChangeFirst_ThenAppliesFieldChangesAndNewUseCases_NeverAStage()
    {
        var exchange = _host.Services.GetRequiredService<PortfolioExchange>();
        var exported = PortfolioWorkbook.Read(await exchange.ExportAsync(CancellationToken.None), "portfolio.xlsx");
        var column = exported.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        var rows = exported.Rows.Select(r => r.Select(v => (object?)v).ToList()).ToList();
        var uc101 = rows.Single(r => (string?)r[column["Id"]] == "UC-101");
        uc101[column["Business owner"]] = "Ines Owner";
        uc101[column["Budget requested (EUR)"]] = "55,000";
        uc101[column["Stage"]] = "Industrial rollout";
        rows.Single(r => (string?)r[column["Id"]] == "UC-102")[column["Budget approved (EUR)"]] = "lots";
        var added = Enumerable.Repeat((object?)"", exported.Headers.Count).ToList();
        added[column["Id"]] = "uc-201";
        added[column["Title"]] = "Paint defect spotter";
        added[column["Business unit"]] = "Production";
        added[column["Partner kind"]] = "university";
        rows.Add(added);
        var file = PortfolioWorkbook.Write(exported.Headers, rows);
        _host.Connector.StageFile("portfolio-edited.xlsx", file);

        var preview = ShownText.Joined(await _host.AskAsync(ImportMessage("portfolio-edited.xlsx")));

        Assert.True(preview.Contains("1 new use cases, 1 changed, 1 refused", StringComparison.Ordinal), preview);
        Assert.Contains("UC-101 (row 2): Business owner, Budget requested (EUR)", preview, StringComparison.Ordinal);
        Assert.Contains("'lots' is not a whole number of euros", preview, StringComparison.Ordinal);
        Assert.Contains("Nothing has changed yet", preview, StringComparison.Ordinal);
        Assert.Null((await _host.QueryStoreAsync(db => db.Ideas.SingleAsync(i => i.ExternalRef == "UC-101"))).BudgetRequested);

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
        var tampered = await _host.PressAndReadAsync(Apply("portfolio-edited.xlsx", new string('0', 64)), admin: true);
        Assert.Contains("The file changed since its preview", tampered, StringComparison.Ordinal);
        var employee = await _host.PressAndReadAsync(Apply("portfolio-edited.xlsx", hash));
        Assert.DoesNotContain("Imported", employee, StringComparison.Ordinal);

        var applied = await _host.PressAndReadAsync(Apply("portfolio-edited.xlsx", hash), admin: true);

        Assert.Contains("Imported portfolio-edited.xlsx", applied, StringComparison.Ordinal);
        var changed = await _host.QueryStoreAsync(db => db.Ideas.Include(i => i.History).SingleAsync(i => i.ExternalRef == "UC-101"));
        Assert.Equal(("Ines Owner", 55_000L, PipelineStages.Pilot), (changed.OwnerName, changed.BudgetRequested, changed.Status));
        Assert.Contains(changed.History, h => h.Kind == IdeaHistoryKinds.Edit && h.Comment == "Portfolio import changed: Business owner, Budget requested (EUR)");
        var created = await _host.QueryStoreAsync(db => db.Ideas.SingleAsync(i => i.ExternalRef == "UC-201"));
        Assert.Equal(("Paint defect spotter", "Production", "university", IdeaOrigins.Workbook, false), (created.Title, created.BusinessUnit, created.PartnerKind, created.Origin, created.Published));
        Assert.Null((await _host.QueryStoreAsync(db => db.Ideas.SingleAsync(i => i.ExternalRef == "UC-102"))).BudgetApproved);
    }

    [StoreFact]
    public async Task Import_ACsvFileOrSomethingElse_CsvIsReadLikeTheWorkbook_GarbageGetsAPlainAnswer()
    {
        _host.Connector.StageFile("owners.csv", System.Text.Encoding.UTF8.GetBytes("Id,Business owner\nUC-102,Lena Vogt-Berger\n"));
        _host.Connector.StageFile("photo.xlsx", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var csv = ShownText.Joined(await _host.AskAsync(ImportMessage("owners.csv")));
        var garbage = ShownText.Joined(await _host.AskAsync(ImportMessage("photo.xlsx")));

        Assert.Contains("UC-102 (row 2): Business owner", csv, StringComparison.Ordinal);
        Assert.Contains("is not a workbook or CSV file I can read", garbage, StringComparison.Ordinal);
    }

    private System.Text.Json.Nodes.JsonObject FileConsent(JsonNode consent, string name, string objectId) =>
        _host.Activity("card-action-invoke.json", a =>
        {
            a["name"] = "fileConsent/invoke";
            a["value"] = new JsonObject
            {
                ["type"] = "fileUpload",
                ["action"] = "accept",
                ["context"] = consent["content"]!["acceptContext"]!.DeepClone(),
                ["uploadInfo"] = new JsonObject
                {
                    ["contentUrl"] = _host.Connector.FileUrl(name),
                    ["name"] = name,
                    ["uploadUrl"] = _host.Connector.FileUrl(name),
                    ["fileType"] = "xlsx",
                    ["uniqueId"] = "0c2a5b7e-7a31-4d6f-9b1e-5c8d2f4a6b90",
                },
            };
            a["from"]!["aadObjectId"] = objectId;
        });

    /// <summary>A 1:1 message with a file attached, as Teams sends it to a bot with supportsFiles.</summary>
    private JsonObject ImportMessage(string fileName) => _host.Activity("personal-message.json", a =>
    {
        a["text"] = "portfolio import";
        a["from"]!["aadObjectId"] = BotTestHost.AdminObjectId;
        a["attachments"] = new JsonArray
        {
            new JsonObject
            {
                ["contentType"] = PortfolioFiles.DownloadInfoContentType,
                ["contentUrl"] = _host.Connector.FileUrl(fileName),
                ["name"] = fileName,
                ["content"] = new JsonObject { ["downloadUrl"] = _host.Connector.FileUrl(fileName), ["uniqueId"] = "5d1e", ["fileType"] = Path.GetExtension(fileName).TrimStart('.') },
            },
        };
    });

    private JsonObject Apply(string fileName, string hash) => new()
    {
        ["verb"] = PortfolioImportFlow.ApplyVerb,
        ["downloadUrl"] = _host.Connector.FileUrl(fileName),
        ["name"] = fileName,
        ["hash"] = hash,
    };

    [StoreFact]
    public async Task Details_TheTeamSetsOwnerBudgetAndPartner_AboveTheOfficesLimitTheMoveGoesToTheBoard()
    {
        var ideaId = await AcceptedAsync("Supplier contract analytics");
        await _host.PressAndReadAsync(Assessment(ideaId, 4, 4), admin: true);
        await _host.PressAndReadAsync(Tick(ideaId, PipelineStages.ProofOfConcept, "data-protection-precheck"), admin: true);
        await _host.PressAndReadAsync(Screening(ideaId), admin: true);

        var form = await _host.PressAndReadAsync(new JsonObject { ["verb"] = PortfolioCards.DetailsFormVerb, ["ideaId"] = ideaId }, admin: true);
        Assert.Contains(PortfolioCards.DetailInputId("Budget requested (EUR)"), form, StringComparison.Ordinal);
        var employee = await _host.PressAndReadAsync(Details(ideaId, ("Budget requested (EUR)", "1")));
        Assert.DoesNotContain("saved", employee, StringComparison.Ordinal);

        var refused = await _host.PressAndReadAsync(Details(ideaId, ("Budget requested (EUR)", "lots"), ("Business owner", "Ines Owner")), admin: true);
        Assert.Contains("Nothing was saved: Budget requested (EUR):", refused, StringComparison.Ordinal);
        Assert.Contains("is not a whole number of euros", refused, StringComparison.Ordinal);
        Assert.Contains("Ines Owner", refused, StringComparison.Ordinal);
        Assert.Null((await StoredAsync(ideaId)).BudgetRequested);

        var saved = await _host.PressAndReadAsync(Details(ideaId, ("Budget requested (EUR)", "120,000"), ("Business owner", "Ines Owner"), ("Partner kind", "vendor")), admin: true);

        Assert.Contains("Business owner, Budget requested (EUR), Partner kind saved", saved, StringComparison.Ordinal);
        var idea = await StoredAsync(ideaId);
        Assert.Equal(("Ines Owner", 120_000L, "vendor"), (idea.OwnerName, idea.BudgetRequested, idea.PartnerKind));
        Assert.Contains(idea.History, h => h.Kind == IdeaHistoryKinds.Edit);

        var moved = await _host.MoveIdeaAsync(ideaId, PipelineStages.ProofOfConcept, idea.Version);
        Assert.Contains("above the office's limit of EUR 40,000", moved, StringComparison.Ordinal);
        Assert.Equal(PipelineStages.Assessment, (await StoredAsync(ideaId)).Status);
    }

    private static JsonObject Details(string ideaId, params (string Field, string Value)[] values)
    {
        var data = new JsonObject { ["verb"] = PortfolioCards.DetailsVerb, ["ideaId"] = ideaId };
        foreach (var (field, value) in values)
        {
            data[PortfolioCards.DetailInputId(field)] = value;
        }

        return data;
    }

    private async Task<string> HighRiskOnTheAgendaAsync(string title)
    {
        var ideaId = await AcceptedAsync(title);
        await _host.PressAndReadAsync(Assessment(ideaId, 4, 4), admin: true);
        await _host.PressAndReadAsync(Tick(ideaId, PipelineStages.ProofOfConcept, "data-protection-precheck"), admin: true);
        await _host.PressAndReadAsync(Screening(ideaId, annexThree: "employment"), admin: true);
        await _host.MoveIdeaAsync(ideaId, PipelineStages.ProofOfConcept, (await StoredAsync(ideaId)).Version);
        return ideaId;
    }

    private Task<SentActivity> SayAsync(string text, string objectId) =>
        _host.AskAsync(_host.Activity("personal-message.json", a =>
        {
            a["text"] = text;
            a["from"]!["aadObjectId"] = objectId;
        }));

    private static JsonObject Decision(BoardItem item, string decision, string? comment = null)
    {
        var data = new JsonObject { ["verb"] = PortfolioCards.BoardDecideVerb, ["itemId"] = item.Id, ["decision"] = decision, ["version"] = item.Version };
        if (comment is not null)
        {
            data[PortfolioCards.BoardCommentId(item.Id)] = comment;
        }

        return data;
    }

    private async Task<string> AcceptedAsync(string title)
    {
        var ideaId = await _host.SubmitIdeaAsync(title);
        await _host.MoveIdeaAsync(ideaId, PipelineStages.Assessment, 1);
        return ideaId;
    }

    private Task<int> SetSubmitterAsync(string ideaId, string? objectId) =>
        _host.QueryStoreAsync(db => db.Ideas.Where(i => i.Id == Number(ideaId)).ExecuteUpdateAsync(u => u.SetProperty(i => i.SubmitterObjectId, objectId)));

    private Task<Idea> StoredAsync(string ideaId) =>
        _host.QueryStoreAsync(db => db.Ideas.Include(i => i.History).SingleAsync(i => i.Id == Number(ideaId)));

    private static int Number(string ideaId) => int.Parse(ideaId["IDEA-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Answer(string ideaId, string answer, string? comment = null, string? mergeInto = null)
    {
        var data = new JsonObject { ["verb"] = PortfolioCards.AnswerVerb, ["ideaId"] = ideaId, ["answer"] = answer };
        if (comment is not null)
        {
            data["comment." + ideaId] = comment;
        }

        if (mergeInto is not null)
        {
            data["mergeInto." + ideaId] = mergeInto;
        }

        return data;
    }

    private static JsonObject AddInformation(string ideaId, string text) =>
        new() { ["verb"] = PortfolioCards.AddInformationVerb, ["ideaId"] = ideaId, [PortfolioCards.InformationInput] = text };

    /// <summary>The assessment card as Teams sends it: choices as text.</summary>
    private static JsonObject Assessment(string ideaId, int value, int feasibility) => new()
    {
        ["verb"] = PortfolioCards.AssessVerb,
        ["ideaId"] = ideaId,
        ["value"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["valueRationale"] = "About 6 hours a week saved per buyer; 30 buyers.",
        ["feasibility"] = feasibility.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["feasibilityRationale"] = "Reports are PDFs on the supplier portal; the gateway's large model reads them well.",
        ["dataAvailability"] = "available",
        ["reuseCheck"] = "No use case in the catalogue does this; the company chat cannot read the portal.",
        ["successCriteria"] = "Summary accepted without edits for 8 of 10 reports; 50% less reading time.",
    };

    /// <summary>The screening card as Teams sends it: multi-selects comma-separated, toggles "true"/"false".</summary>
    private static JsonObject Screening(string ideaId, string prohibited = "", string annexThree = "", string transparency = "") => new()
    {
        ["verb"] = PortfolioCards.ScreenVerb,
        ["ideaId"] = ideaId,
        ["prohibited"] = prohibited,
        ["safetyComponent"] = "false",
        ["annexThree"] = annexThree,
        ["narrowTask"] = "false",
        ["profiling"] = "false",
        ["transparency"] = transparency,
        ["role"] = "deployer",
    };

    private static JsonObject Tick(string ideaId, string stage, string criterion, string? link = null)
    {
        var data = new JsonObject { ["verb"] = PortfolioCards.TickVerb, ["ideaId"] = ideaId, ["stage"] = stage, ["criterion"] = criterion };
        if (link is not null)
        {
            data[PortfolioCards.LinkInputId(criterion)] = link;
        }

        return data;
    }
}

public sealed class SqlitePortfolioTurnTests : PortfolioTurnTests<SqliteStoreFixture>;

public sealed class PostgreSqlPortfolioTurnTests : PortfolioTurnTests<PostgreSqlStoreFixture>;
