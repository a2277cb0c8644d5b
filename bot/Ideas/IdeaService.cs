using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas;

/// <summary>
/// Who acts: the Entra object id when Teams sends one, the display name, the channel user id, and where they wrote from;
/// outside a conversation (a tab) their tenant is known from their token instead.
/// </summary>
public sealed record Actor(string? ObjectId, string Name, string? ChannelUserId, ConversationOrigin? Origin = null, string? SignedInTenantId = null)
{
    public string? TenantId => Origin?.TenantId ?? SignedInTenantId;
}

public abstract record SubmitResult
{
    public sealed record Created(Idea Idea, bool AlreadySubmitted) : SubmitResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : SubmitResult;

    public sealed record UnknownForm : SubmitResult;

    /// <summary>The form was issued to this person longer ago than Ideas:FormValidDays.</summary>
    public sealed record ExpiredForm : SubmitResult;
}

public abstract record StatusResult
{
    public sealed record Changed(Idea Idea, string FromStatus) : StatusResult;

    public sealed record NotFound(int IdeaId) : StatusResult;

    public sealed record NotAllowed(Idea Idea, string Message) : StatusResult;

    /// <summary>Someone else changed the idea first; <paramref name="Idea"/> is how it stands now.</summary>
    public sealed record Conflict(Idea Idea) : StatusResult;
}

/// <summary>Stores ideas and moves them through the pipeline. Every change is one transaction with its history row and its announcements.</summary>
public sealed class IdeaService(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IOptions<IdeasOptions> options,
    TimeProvider time,
    IIdeaCatalogueNotifier catalogue,
    StatusUpdates statusUpdates,
    IEnumerable<IIdeaMoveGuard> guards)
{
    private const int MaxCommentLength = 1000;

    public async Task<string> IssueFormAsync(Actor actor, CancellationToken cancellationToken)
    {
        var form = new IdeaForm { FormId = Guid.NewGuid().ToString("N"), IssuedToObjectId = actor.ObjectId, IssuedAtUtc = Now() };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.IdeaForms.Add(form);
        await db.SaveChangesAsync(cancellationToken);
        return form.FormId;
    }

    public async Task<SubmitResult> SubmitAsync(IdeaSubmission submission, Actor actor, IReadOnlyCollection<string> businessUnits, CancellationToken cancellationToken)
    {
        // A form is only good for the person it was issued to, known by their Entra object id: without one nobody
        // owns a form (two missing ids must not match each other), and a replayed form id shows no one else's idea.
        if (string.IsNullOrWhiteSpace(submission.FormId) || submission.FormId.Length > 64 || string.IsNullOrWhiteSpace(actor.ObjectId))
        {
            return new SubmitResult.UnknownForm();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Ideas.AsNoTracking().FirstOrDefaultAsync(i => i.FormId == submission.FormId, cancellationToken);
        if (existing is not null)
        {
            return existing.SubmitterObjectId == actor.ObjectId ? new SubmitResult.Created(existing, AlreadySubmitted: true) : new SubmitResult.UnknownForm();
        }

        var form = await db.IdeaForms.AsNoTracking().FirstOrDefaultAsync(f => f.FormId == submission.FormId && f.IssuedToObjectId == actor.ObjectId, cancellationToken);
        if (form is null)
        {
            return new SubmitResult.UnknownForm();
        }

        if (form.IssuedAtUtc < FormsIssuedBefore())
        {
            return new SubmitResult.ExpiredForm();
        }

        var errors = submission.Validate(businessUnits);
        if (errors.Count > 0)
        {
            return new SubmitResult.Invalid(errors);
        }

        var now = Now();
        var idea = new Idea
        {
            FormId = submission.FormId,
            Title = submission.Title.Trim(),
            Problem = submission.Problem.Trim(),
            Solution = NullIfEmpty(submission.Solution),
            BusinessUnit = businessUnits.First(b => string.Equals(b, submission.BusinessUnit.Trim(), StringComparison.OrdinalIgnoreCase)),
            Benefit = NullIfEmpty(submission.Benefit),
            DataClassification = submission.DataClassification.Trim(),
            PersonalData = submission.PersonalData,
            Status = PipelineStages.Submitted,
            SubmitterObjectId = actor.ObjectId,
            SubmitterName = actor.Name,
            SubmitterChannelId = actor.ChannelUserId,
            TenantId = actor.TenantId,
            Origin = IdeaOrigins.Teams,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            StageEnteredAtUtc = now,
            Version = 1,
        };
        idea.History.Add(new IdeaStatusChange { ToStatus = PipelineStages.Submitted, ChangedByObjectId = actor.ObjectId, ChangedByName = actor.Name, ChangedAtUtc = now });
        db.Ideas.Add(idea);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new SubmitResult.Created(idea, AlreadySubmitted: false);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same form was submitted twice at once (double click, retried invoke): the first one stored it.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            var first = await again.Ideas.AsNoTracking().FirstOrDefaultAsync(i => i.FormId == submission.FormId, cancellationToken);
            return first is null ? throw new InvalidOperationException("Storing the idea failed.") : new SubmitResult.Created(first, AlreadySubmitted: true);
        }
    }

    /// <param name="expectedVersion">The version the actor saw (from the card); null to act on the current one.</param>
    /// <param name="alsoChange">Further changes to the idea saved with the move (the first answer it records, say).</param>
    public async Task<StatusResult> SetStatusAsync(int ideaId, string status, string? comment, int? expectedVersion, Actor actor, CancellationToken cancellationToken, Action<Idea>? alsoChange = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idea = await db.Ideas.FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
        if (idea is null)
        {
            return new StatusResult.NotFound(ideaId);
        }

        if (expectedVersion is { } seen && seen != idea.Version)
        {
            return new StatusResult.Conflict(idea);
        }

        if (!IdeaStatuses.IsKnown(status))
        {
            return new StatusResult.NotAllowed(idea, $"'{CardText.Plain(status)}' is not a status. Statuses: {string.Join(", ", IdeaStatuses.All)}.");
        }

        if (!IdeaStatuses.CanMove(idea.Status, status))
        {
            return new StatusResult.NotAllowed(idea, $"{idea.DisplayId} is in {PipelineStages.DisplayName(idea.Status)}; it cannot move to {PipelineStages.DisplayName(status)}.");
        }

        if (status is PipelineStages.Parked or PipelineStages.Rejected && string.IsNullOrWhiteSpace(comment))
        {
            return new StatusResult.NotAllowed(idea, $"Say why {idea.DisplayId} is {(status == PipelineStages.Parked ? "parked" : "rejected")}: write the reason in the comment field; its owner reads it{(status == PipelineStages.Parked && idea.Published ? ", and so does everyone who finds it in the catalogue" : "")}.");
        }


        var from = idea.Status;
        var wasPublished = idea.Published;
        var now = Now();
        idea.Status = status;
        idea.UpdatedAtUtc = now;
        idea.StageEnteredAtUtc = now;
        idea.Version++;
        if (IdeaStatuses.Publishes(status))
        {
            idea.Published = true;
        }
        else if (status == PipelineStages.Rejected)
        {
            idea.Published = false;
        }

        idea.ParkedReason = status == PipelineStages.Parked ? TextCut.Cut(comment!.Trim(), MaxCommentLength) : null;

        // The guards see the move with what comes with it (a first answer names the programme contact the gate asks for).
        alsoChange?.Invoke(idea);
        foreach (var guard in guards)
        {
            if (await guard.CheckAsync(idea, from, status, actor, cancellationToken) is { } refusal)
            {
                return new StatusResult.NotAllowed(idea, refusal);
            }
        }

        var change = new IdeaStatusChange
        {
            IdeaId = idea.Id,
            FromStatus = from,
            ToStatus = status,
            Comment = NullIfEmpty(comment) is { } c ? TextCut.Cut(c, MaxCommentLength) : null,
            ChangedByObjectId = actor.ObjectId,
            ChangedByName = actor.Name,
            ChangedAtUtc = now,
        };
        db.IdeaStatusChanges.Add(change);
        try
        {
            await statusUpdates.SaveWithAnnouncementsAsync(db, idea, change, actor, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return new StatusResult.Conflict(await again.Ideas.AsNoTracking().FirstAsync(i => i.Id == ideaId, cancellationToken));
        }

        if (wasPublished || idea.Published)
        {
            await catalogue.IdeaChangedAsync(idea.Id, cancellationToken);
        }

        return new StatusResult.Changed(idea, from);
    }

    /// <summary>The use case an id names: "IDEA-0001", "1", or a catalogue id such as "UC-101".</summary>
    public async Task<Idea?> FindAsync(string? idText, CancellationToken cancellationToken)
    {
        if (Idea.TryParseId(idText, out var id))
        {
            return await GetAsync(id, cancellationToken);
        }

        if (!Idea.LooksLikeExternalRef(idText))
        {
            return null;
        }

        var reference = idText!.Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Ideas.AsNoTracking().Where(i => i.ExternalRef == reference).Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        return found is { } foundId ? await GetAsync(foundId, cancellationToken) : null;
    }

    public async Task<Idea?> GetAsync(int ideaId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Ideas.AsNoTracking().Include(i => i.History.OrderBy(h => h.ChangedAtUtc).ThenBy(h => h.Id)).FirstOrDefaultAsync(i => i.Id == ideaId, cancellationToken);
    }

    public async Task<IReadOnlyList<Idea>> ListBySubmitterAsync(string submitterObjectId, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Ideas.AsNoTracking()
            .Where(i => i.SubmitterObjectId == submitterObjectId)
            .OrderByDescending(i => i.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many use cases the portfolio holds.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Ideas.CountAsync(cancellationToken);
    }

    /// <summary>Open ideas submitted in Teams, oldest first, one page at a time.</summary>
    public async Task<(IReadOnlyList<Idea> Ideas, int Total)> ListOpenAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Use cases imported from the catalogue are worked on the board, not in triage.
        var open = db.Ideas.AsNoTracking().Where(i => i.Origin == IdeaOrigins.Teams && IdeaStatuses.Open.Contains(i.Status));
        var total = await open.CountAsync(cancellationToken);
        // A page past the end (any number a card can carry) skips everything rather than overflowing.
        var skip = (int)Math.Min((long)Math.Max(0, page) * pageSize, int.MaxValue);
        var ideas = await open.OrderBy(i => i.Id).Skip(skip).Take(pageSize).ToListAsync(cancellationToken);
        return (ideas, total);
    }

    /// <summary>Deletes forms older than Ideas:FormValidDays, in batches; returns how many went.</summary>
    public async Task<int> DeleteExpiredFormsAsync(CancellationToken cancellationToken)
    {
        var cutoff = FormsIssuedBefore();
        var deleted = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var forms = db.IdeaForms;
            var batch = await forms.Where(f => forms.Where(o => o.IssuedAtUtc < cutoff).OrderBy(o => o.FormId).Select(o => o.FormId).Take(RetentionBatch).Contains(f.FormId))
                .ExecuteDeleteAsync(cancellationToken);
            deleted += batch;
            if (batch == 0)
            {
                return deleted;
            }
        }
    }

    private const int RetentionBatch = 500;

    private DateTime FormsIssuedBefore() => Now().AddDays(-options.Value.FormValidDays);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// A rule a move must pass (the portfolio's stage gates): returns why the move is refused, or null when it may go ahead.
/// Every move of <see cref="IdeaService.SetStatusAsync"/> asks every registered guard.
/// </summary>
public interface IIdeaMoveGuard
{
    /// <param name="idea">The idea as it would be saved (its status already <paramref name="toStatus"/>); nothing is saved when a guard refuses.</param>
    Task<string?> CheckAsync(Idea idea, string fromStatus, string toStatus, Actor actor, CancellationToken cancellationToken);
}

/// <summary>Told when an idea enters, changes within, or leaves the searchable catalogue.</summary>
public interface IIdeaCatalogueNotifier
{
    Task IdeaChangedAsync(int ideaId, CancellationToken cancellationToken);
}
