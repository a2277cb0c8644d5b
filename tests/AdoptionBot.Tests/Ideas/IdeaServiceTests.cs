using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Ideas;
using AdoptionBot.Tests.Support.Stores;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Ideas;

public abstract class IdeaServiceTests<TStore> : IAsyncLifetime
    where TStore : StoreFixture, new()
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly Actor Employee = new("a1b2c3d4-0000-4000-8000-000000000001", "Anna Kowalska", "29:1anna");
    private static readonly Actor Portfolio = new("a1b2c3d4-0000-4000-8000-000000000002", "Ravi Menon", "29:1ravi");
    private static readonly IReadOnlyList<string> Units = IdeaSamples.BusinessUnits;

    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingCatalogueNotifier _catalogue = new();
    private TStore _store = null!;
    private IdeaService _service = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFixture.CreateAsync<TStore>();
        _service = new IdeaService(_store, Options.Create(new IdeasOptions()), _time, _catalogue, new StatusUpdates(new ChannelService(_store, _time, NullLogger<ChannelService>.Instance), new Outbox(_store, new OutboxSignal(), _time)), []);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [StoreFact]
    public async Task IssueFormAsync_Actor_StoresTheFormForThem()
    {
        var formId = await _service.IssueFormAsync(Employee, CancellationToken.None);

        await using var db = _store.CreateDbContext();
        var form = await db.IdeaForms.SingleAsync();
        Assert.Equal(formId, form.FormId);
        Assert.Equal(Employee.ObjectId, form.IssuedToObjectId);
        Assert.Equal(Start.UtcDateTime, form.IssuedAtUtc);
    }

    [StoreFact]
    public async Task SubmitAsync_ValidSubmission_StoresTheIdeaTrimmedWithItsSubmission()
    {
        var formId = await _service.IssueFormAsync(Employee, CancellationToken.None);
        var submission = Submission(formId) with { Title = "  Claims intake assistant  ", BusinessUnit = "finance", Solution = "   ", Benefit = " 8 minutes per claim " };

        var result = await _service.SubmitAsync(submission, Employee, Units, CancellationToken.None);

        var created = Assert.IsType<SubmitResult.Created>(result);
        Assert.False(created.AlreadySubmitted);
        var stored = await _service.GetAsync(created.Idea.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("Claims intake assistant", stored.Title);
        Assert.Equal("Finance", stored.BusinessUnit);
        Assert.Null(stored.Solution);
        Assert.Equal("8 minutes per claim", stored.Benefit);
        Assert.Equal("confidential", stored.DataClassification);
        Assert.True(stored.PersonalData);
        Assert.Equal(PipelineStages.Submitted, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Equal((Employee.ObjectId, Employee.Name, Employee.ChannelUserId), (stored.SubmitterObjectId, stored.SubmitterName, stored.SubmitterChannelId));
        Assert.Equal(Start.UtcDateTime, stored.CreatedAtUtc);
        var submitted = Assert.Single(stored.History);
        Assert.Null(submitted.FromStatus);
        Assert.Equal(PipelineStages.Submitted, submitted.ToStatus);
        Assert.Equal(Employee.Name, submitted.ChangedByName);
        Assert.Equal(Start.UtcDateTime, submitted.ChangedAtUtc);
    }

    [StoreFact]
    public async Task SubmitAsync_ThreeIdeas_IdsAreSequential()
    {
        var ids = new List<int>();

        for (var i = 0; i < 3; i++)
        {
            ids.Add((await SubmitNewAsync()).Id);
        }

        Assert.Equal([1, 2, 3], ids);
    }

    [StoreFact]
    public async Task SubmitAsync_FiftyAtOnce_DistinctIdsThatBecomeVisibleInOrder()
    {
        var forms = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            forms.Add(await _service.IssueFormAsync(Employee, CancellationToken.None));
        }

        // A reader polling during the submissions must only ever see ids 1..k: a hole would mean a higher id
        // was committed before a lower one (what a max+1 read or an unordered sequence allows).
        using var done = new CancellationTokenSource();
        var snapshots = new List<int[]>();
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await using var db = _store.CreateDbContext();
                snapshots.Add([.. await db.Ideas.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync()]);
            }
        });
        var submissions = forms.Select(formId => Task.Run(async () =>
            Assert.IsType<SubmitResult.Created>(await _service.SubmitAsync(Submission(formId), Employee, Units, CancellationToken.None)).Idea.Id));
        var ids = await Task.WhenAll(submissions);
        await done.CancelAsync();
        await reader;

        Assert.Equal(Enumerable.Range(1, 50), ids.Order());
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, seen => Assert.Equal(Enumerable.Range(1, seen.Length), seen));
        await AssertStoredAsync(50, 50);
    }

    [StoreFact]
    public async Task SubmitAsync_AfterTheNewestIdeaWasDeleted_ItsIdIsNotReused()
    {
        await SubmitNewAsync();
        await SubmitNewAsync();
        var newest = await SubmitNewAsync();
        await using (var db = _store.CreateDbContext())
        {
            Assert.Equal(1, await db.Ideas.Where(i => i.Id == newest.Id).ExecuteDeleteAsync());
        }

        var next = await SubmitNewAsync();

        Assert.Equal(newest.Id + 1, next.Id);
    }

    [StoreFact]
    public async Task SubmitAsync_SameFormTwice_OneIdeaAndAlreadySubmittedTheSecondTime()
    {
        var formId = await _service.IssueFormAsync(Employee, CancellationToken.None);
        var first = await _service.SubmitAsync(Submission(formId), Employee, Units, CancellationToken.None);

        var second = await _service.SubmitAsync(Submission(formId) with { Title = "Changed my mind" }, Employee, Units, CancellationToken.None);

        var firstCreated = Assert.IsType<SubmitResult.Created>(first);
        var secondCreated = Assert.IsType<SubmitResult.Created>(second);
        Assert.False(firstCreated.AlreadySubmitted);
        Assert.True(secondCreated.AlreadySubmitted);
        Assert.Equal(firstCreated.Idea.Id, secondCreated.Idea.Id);
        Assert.Equal("Claims intake assistant", secondCreated.Idea.Title);
        await AssertStoredAsync(ideas: 1, changes: 1);
    }

    [StoreFact]
    public async Task SubmitAsync_SameFormConcurrently_OneIdeaAndTheOthersAlreadySubmitted()
    {
        var formId = await _service.IssueFormAsync(Employee, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => _service.SubmitAsync(Submission(formId), Employee, Units, CancellationToken.None))));

        var created = results.Select(r => Assert.IsType<SubmitResult.Created>(r)).ToList();
        Assert.Single(created, c => !c.AlreadySubmitted);
        Assert.Single(created.Select(c => c.Idea.Id).Distinct());
        await AssertStoredAsync(ideas: 1, changes: 1);
    }

    [StoreTheory]
    [InlineData("never-issued")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task SubmitAsync_FormNotIssued_UnknownFormAndNothingStored(string? formId)
    {
        await _service.IssueFormAsync(Employee, CancellationToken.None);

        var result = await _service.SubmitAsync(Submission(formId), Employee, Units, CancellationToken.None);

        Assert.IsType<SubmitResult.UnknownForm>(result);
        await AssertStoredAsync(ideas: 0, changes: 0);
    }

    [StoreFact]
    public async Task SubmitAsync_Invalid_ErrorsAndNothingStoredButTheFormStaysUsable()
    {
        var formId = await _service.IssueFormAsync(Employee, CancellationToken.None);

        var result = await _service.SubmitAsync(Submission(formId) with { Title = "", BusinessUnit = "Marketing" }, Employee, Units, CancellationToken.None);

        var invalid = Assert.IsType<SubmitResult.Invalid>(result);
        Assert.Equal(["businessUnit", "title"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        await AssertStoredAsync(ideas: 0, changes: 0);
        var corrected = await _service.SubmitAsync(Submission(formId), Employee, Units, CancellationToken.None);
        Assert.False(Assert.IsType<SubmitResult.Created>(corrected).AlreadySubmitted);
    }

    [StoreFact]
    public async Task SetStatusAsync_AllowedMove_RecordsWhoWhenFromToAndCommentAndBumpsVersion()
    {
        var idea = await SubmitNewAsync();
        _time.Advance(TimeSpan.FromDays(3));

        var result = await _service.SetStatusAsync(idea.Id, PipelineStages.Assessment, "  Promising; talk to claims operations.  ", 1, Portfolio, CancellationToken.None);

        var changed = Assert.IsType<StatusResult.Changed>(result);
        Assert.Equal(PipelineStages.Submitted, changed.FromStatus);
        Assert.Equal(PipelineStages.Assessment, changed.Idea.Status);
        var stored = (await _service.GetAsync(idea.Id, CancellationToken.None))!;
        Assert.Equal(PipelineStages.Assessment, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Equal(Start.UtcDateTime.AddDays(3), stored.UpdatedAtUtc);
        Assert.Equal(Start.UtcDateTime, stored.CreatedAtUtc);
        Assert.Equal(2, stored.History.Count);
        var move = stored.History[1];
        Assert.Equal(PipelineStages.Submitted, move.FromStatus);
        Assert.Equal(PipelineStages.Assessment, move.ToStatus);
        Assert.Equal("Promising; talk to claims operations.", move.Comment);
        Assert.Equal(Portfolio.ObjectId, move.ChangedByObjectId);
        Assert.Equal(Portfolio.Name, move.ChangedByName);
        Assert.Equal(Start.UtcDateTime.AddDays(3), move.ChangedAtUtc);
    }

    [StoreFact]
    public async Task SetStatusAsync_SeveralMoves_HistoryInOrderAndVersionCountsThem()
    {
        var idea = await SubmitNewAsync();

        foreach (var status in new[] { PipelineStages.Assessment, PipelineStages.Parked, PipelineStages.Assessment, PipelineStages.ProofOfConcept })
        {
            _time.Advance(TimeSpan.FromHours(1));
            Assert.IsType<StatusResult.Changed>(await _service.SetStatusAsync(idea.Id, status, Reason(status), null, Portfolio, CancellationToken.None));
        }

        var stored = (await _service.GetAsync(idea.Id, CancellationToken.None))!;
        Assert.Equal(5, stored.Version);
        Assert.Equal(
            [PipelineStages.Submitted, PipelineStages.Assessment, PipelineStages.Parked, PipelineStages.Assessment, PipelineStages.ProofOfConcept],
            stored.History.Select(h => h.ToStatus));
        Assert.Equal([null, null, Reason(PipelineStages.Parked), null, null], stored.History.Select(h => h.Comment));
    }

    [StoreFact]
    public async Task SetStatusAsync_CommentOver1000Characters_StoredCutTo1000()
    {
        var idea = await SubmitNewAsync();

        await _service.SetStatusAsync(idea.Id, PipelineStages.Rejected, IdeaSamples.Text(1500), 1, Portfolio, CancellationToken.None);

        var stored = (await _service.GetAsync(idea.Id, CancellationToken.None))!;
        Assert.Equal(IdeaSamples.Text(1000), stored.History[1].Comment);
    }

    [StoreFact]
    public async Task SetStatusAsync_EmojiWhereTheCommentIsCut_StoredWithoutHalfACharacter()
    {
        var idea = await SubmitNewAsync();

        await _service.SetStatusAsync(idea.Id, PipelineStages.Rejected, new string('a', 999) + "🚗🚗", 1, Portfolio, CancellationToken.None);

        var stored = (await _service.GetAsync(idea.Id, CancellationToken.None))!;
        Assert.Equal(new string('a', 999), stored.History[1].Comment);
    }

    [StoreFact]
    public async Task SetStatusAsync_StaleVersion_ConflictWithTheCurrentStateAndNothingChanged()
    {
        var idea = await SubmitNewAsync();
        await _service.SetStatusAsync(idea.Id, PipelineStages.Assessment, "Looks good", 1, Portfolio, CancellationToken.None);
        _catalogue.Clear();

        var result = await _service.SetStatusAsync(idea.Id, PipelineStages.Rejected, "Out of scope", 1, Employee, CancellationToken.None);

        var conflict = Assert.IsType<StatusResult.Conflict>(result);
        Assert.Equal(PipelineStages.Assessment, conflict.Idea.Status);
        Assert.Equal(2, conflict.Idea.Version);
        var stored = (await _service.GetAsync(idea.Id, CancellationToken.None))!;
        Assert.Equal(PipelineStages.Assessment, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Equal(2, stored.History.Count);
        Assert.Empty(_catalogue.Calls);
    }

    [StoreFact]
    public async Task SetStatusAsync_TwoConcurrentChangesFromTheSameVersion_ExactlyOneWins()
    {
        for (var round = 0; round < 5; round++)
        {
            var idea = await SubmitNewAsync();

            var results = await Task.WhenAll(
                Task.Run(() => _service.SetStatusAsync(idea.Id, PipelineStages.Assessment, "Take it on", 1, Portfolio, CancellationToken.None)),
                Task.Run(() => _service.SetStatusAsync(idea.Id, PipelineStages.Rejected, "Duplicate", 1, Employee, CancellationToken.None)));

            var winner = Assert.IsType<StatusResult.Changed>(Assert.Single(results, r => r is StatusResult.Changed));
            var loser = Assert.IsType<StatusResult.Conflict>(Assert.Single(results, r => r is not StatusResult.Changed));
            Assert.Equal(winner.Idea.Status, loser.Idea.Status);
            var stored = (await _service.GetAsync(idea.Id, CancellationToken.None))!;
            Assert.Equal(winner.Idea.Status, stored.Status);
            Assert.Equal(2, stored.Version);
            Assert.Equal(2, stored.History.Count);
            Assert.Equal(winner.Idea.Status, stored.History[1].ToStatus);
        }
    }

    [StoreFact]
    public async Task SetStatusAsync_ManyConcurrentChangesFromTheSameVersion_ExactlyOneWins()
    {
        var idea = await SubmitNewAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => _service.SetStatusAsync(idea.Id, i % 2 == 0 ? PipelineStages.Parked : PipelineStages.Rejected, $"Decision {i}", 1, Portfolio, CancellationToken.None))));

        Assert.Single(results, r => r is StatusResult.Changed);
        Assert.All(results.Where(r => r is not StatusResult.Changed), r => Assert.IsType<StatusResult.Conflict>(r));
        await AssertStoredAsync(ideas: 1, changes: 2);
    }

    [StoreTheory]
    [InlineData(PipelineStages.ProofOfConcept)]
    [InlineData(PipelineStages.Pilot)]
    [InlineData(PipelineStages.Rollout)]
    [InlineData("archived")]
    [InlineData("")]
    public async Task SetStatusAsync_MoveThePipelineDoesNotAllow_NotAllowedAndNothingChanged(string status)
    {
        var idea = await SubmitNewAsync();

        var result = await _service.SetStatusAsync(idea.Id, status, "Skip ahead", 1, Portfolio, CancellationToken.None);

        var notAllowed = Assert.IsType<StatusResult.NotAllowed>(result);
        Assert.False(string.IsNullOrWhiteSpace(notAllowed.Message));
        var stored = (await _service.GetAsync(idea.Id, CancellationToken.None))!;
        Assert.Equal((PipelineStages.Submitted, 1), (stored.Status, stored.Version));
        Assert.Single(stored.History);
        Assert.Empty(_catalogue.Calls);
    }

    [StoreFact]
    public async Task SetStatusAsync_UnknownIdea_NotFound()
    {
        await SubmitNewAsync();

        var result = await _service.SetStatusAsync(99, PipelineStages.Assessment, null, null, Portfolio, CancellationToken.None);

        Assert.Equal(99, Assert.IsType<StatusResult.NotFound>(result).IdeaId);
    }

    [StoreTheory]
    [InlineData(new[] { PipelineStages.Assessment }, false)]
    [InlineData(new[] { PipelineStages.Parked }, false)]
    [InlineData(new[] { PipelineStages.Rejected }, false)]
    [InlineData(new[] { PipelineStages.Assessment, PipelineStages.Parked, PipelineStages.Assessment }, false)]
    [InlineData(new[] { PipelineStages.Assessment, PipelineStages.ProofOfConcept }, true)]
    [InlineData(new[] { PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot }, true)]
    [InlineData(new[] { PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot, PipelineStages.Rollout }, true)]
    [InlineData(new[] { PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Parked }, true)]
    [InlineData(new[] { PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot, PipelineStages.Rejected }, true)]
    public async Task SetStatusAsync_LastMove_NotifiesTheCatalogueOnlyWhenItWasOrIsPublished(string[] moves, bool notified)
    {
        var idea = await SubmitNewAsync();
        await MoveAsync(idea, moves[..^1]);
        _catalogue.Clear();

        var result = await _service.SetStatusAsync(idea.Id, moves[^1], Reason(moves[^1]), null, Portfolio, CancellationToken.None);

        Assert.IsType<StatusResult.Changed>(result);
        int[] expected = notified ? [idea.Id] : [];
        Assert.Equal(expected, _catalogue.Calls);
    }

    [StoreFact]
    public async Task ListOpenAsync_Pages_OldestFirstWithoutParkedRejectedOrRolledOut()
    {
        var ideas = new List<Idea>();
        for (var i = 0; i < 7; i++)
        {
            _time.Advance(TimeSpan.FromHours(1));
            ideas.Add(await SubmitNewAsync());
        }

        await MoveAsync(ideas[1], PipelineStages.Parked);
        await MoveAsync(ideas[3], PipelineStages.Rejected);
        await MoveAsync(ideas[4], PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot, PipelineStages.Rollout);
        await MoveAsync(ideas[5], PipelineStages.Assessment, PipelineStages.ProofOfConcept, PipelineStages.Pilot);
        await MoveAsync(ideas[6], PipelineStages.Assessment);

        var (first, total) = await _service.ListOpenAsync(0, 3, CancellationToken.None);
        var (second, totalAgain) = await _service.ListOpenAsync(1, 3, CancellationToken.None);
        var (beyond, _) = await _service.ListOpenAsync(2, 3, CancellationToken.None);

        Assert.Equal(4, total);
        Assert.Equal(4, totalAgain);
        Assert.Equal([ideas[0].Id, ideas[2].Id, ideas[5].Id], first.Select(i => i.Id));
        Assert.Equal([ideas[6].Id], second.Select(i => i.Id));
        Assert.Empty(beyond);
        Assert.All(first.Concat(second), i => Assert.Contains(i.Status, IdeaStatuses.Open));
    }

    [StoreFact]
    public async Task ListOpenAsync_NegativePage_FirstPage()
    {
        var idea = await SubmitNewAsync();

        var (ideas, total) = await _service.ListOpenAsync(-3, 8, CancellationToken.None);

        Assert.Equal(1, total);
        Assert.Equal(idea.Id, Assert.Single(ideas).Id);
    }

    [StoreFact]
    public async Task ListBySubmitterAsync_TwoSubmitters_OnlyTheirsNewestFirst()
    {
        var first = await SubmitNewAsync(Employee);
        await SubmitNewAsync(Portfolio);
        var second = await SubmitNewAsync(Employee);

        var mine = await _service.ListBySubmitterAsync(Employee.ObjectId!, 20, CancellationToken.None);

        Assert.Equal([second.Id, first.Id], mine.Select(i => i.Id));
    }

    private static IdeaSubmission Submission(string? formId) => new(
        formId,
        "Claims intake assistant",
        "Claim handlers re-key every damage report from scanned PDFs; a report takes twelve minutes.",
        "A model reads the report and fills in the claim.",
        "Claims",
        "About 8 minutes saved per claim.",
        "confidential",
        PersonalData: true);

    private async Task<Idea> SubmitNewAsync(Actor? actor = null)
    {
        actor ??= Employee;
        var formId = await _service.IssueFormAsync(actor, CancellationToken.None);
        var result = await _service.SubmitAsync(Submission(formId), actor, Units, CancellationToken.None);
        return Assert.IsType<SubmitResult.Created>(result).Idea;
    }

    private async Task MoveAsync(Idea idea, params string[] statuses)
    {
        foreach (var status in statuses)
        {
            Assert.IsType<StatusResult.Changed>(await _service.SetStatusAsync(idea.Id, status, Reason(status), null, Portfolio, CancellationToken.None));
        }
    }

    /// <summary>Parking and rejecting need a reason; other moves go without a comment.</summary>
    private static string? Reason(string status) => status is PipelineStages.Parked or PipelineStages.Rejected ? "The data are not available yet." : null;

    private async Task AssertStoredAsync(int ideas, int changes)
    {
        await using var db = _store.CreateDbContext();
        Assert.Equal(ideas, await db.Ideas.CountAsync());
        Assert.Equal(changes, await db.IdeaStatusChanges.CountAsync());
    }

    private sealed class RecordingCatalogueNotifier : IIdeaCatalogueNotifier
    {
        private readonly Lock _gate = new();
        private readonly List<int> _calls = [];

        public IReadOnlyList<int> Calls
        {
            get
            {
                lock (_gate)
                {
                    return [.. _calls];
                }
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _calls.Clear();
            }
        }

        public Task IdeaChangedAsync(int ideaId, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _calls.Add(ideaId);
            }

            return Task.CompletedTask;
        }
    }
}

public sealed class SqliteIdeaServiceTests : IdeaServiceTests<SqliteStoreFixture>;

public sealed class PostgreSqlIdeaServiceTests : IdeaServiceTests<PostgreSqlStoreFixture>;
