using System.Text.RegularExpressions;
using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Experts;

/// <summary>The result of an FAQ step: the entry as it now stands, and what to tell whoever pressed when it did not happen.</summary>
public sealed record FaqOutcome(FaqEntry? Entry, string? Notice = null);

/// <summary>
/// Answers become knowledge: an expert proposes an entry from an answered ticket, a portfolio-team member approves it
/// (Experts:PublishNeedsApproval), and from then on it is indexed and cited; the portfolio team edits or retires it.
/// </summary>
public sealed partial class FaqService(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    TicketService tickets,
    TicketPosts posts,
    IOutbox outbox,
    FaqIndexSync knowledge,
    IOptions<ExpertsOptions> options,
    TimeProvider time,
    ILogger<FaqService> logger)
{
    public const int MinQuestion = 10;

    public bool NeedsApproval => options.Value.PublishNeedsApproval;

    public async Task<FaqEntry?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.FaqEntries.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
    }

    /// <summary>The tenant's entries: published ones for everyone; pending and retired ones too for the portfolio team.</summary>
    public async Task<IReadOnlyList<FaqEntry>> ListAsync(string tenantId, bool all, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.FaqEntries.AsNoTracking().Where(f => f.TenantId == tenantId);
        query = all ? query.Where(f => f.State != FaqStates.Rejected) : query.Where(f => f.State == FaqStates.Published);
        return await query.OrderBy(f => f.State == FaqStates.Pending ? 0 : f.State == FaqStates.Published ? 1 : 2).ThenByDescending(f => f.Id).Take(50).ToListAsync(cancellationToken);
    }

    /// <summary>An expert proposes (or, without approval, publishes) an entry from an answered ticket.</summary>
    public async Task<FaqOutcome> ProposeAsync(ExpertTicket ticket, string? question, string? answer, TicketActor expert, CancellationToken cancellationToken)
    {
        if (ticket.AnswerText is null || ticket.AnsweredAtUtc is null)
        {
            return new FaqOutcome(null, $"{ticket.DisplayId} has no answer yet: answer it first.");
        }

        if (ticket.FaqEntryId is { } proposed)
        {
            return new FaqOutcome(await GetAsync(proposed, cancellationToken), $"{FaqEntry.FormatId(proposed)} was already made from {ticket.DisplayId}.");
        }

        if (Refusal(question, answer, ticket.AskerName) is { } refusal)
        {
            return new FaqOutcome(null, refusal);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var publish = !options.Value.PublishNeedsApproval;
        var entry = new FaqEntry
        {
            TenantId = ticket.TenantId,
            Question = question!.Trim(),
            Answer = answer!.Trim(),
            ExpertName = ticket.AnsweredByName ?? expert.Name,
            ExpertObjectId = ticket.AnsweredByObjectId,
            AnsweredAtUtc = ticket.AnsweredAtUtc.Value,
            TicketId = ticket.Id,
            State = publish ? FaqStates.Published : FaqStates.Pending,
            ProposedByName = TextCut.Cut(expert.Name, 200),
            ProposedByObjectId = expert.ObjectId,
            ProposedAtUtc = now,
            PublishedAtUtc = publish ? now : null,
            UpdatedAtUtc = now,
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.FaqEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        await tickets.FaqProposedAsync(ticket.Id, entry.Id, expert, cancellationToken);
        if (publish)
        {
            await knowledge.SyncAsync(cancellationToken);
        }
        else
        {
            await outbox.EnqueueAsync(await posts.ToPortfolioTeamAsync(entry.TenantId, FaqCards.Approval(entry), $"faq:{entry.Id}:approval", cancellationToken), cancellationToken);
        }

        ExpertsLog.FaqProposed(logger, entry.DisplayId, ticket.DisplayId, entry.State);
        return new FaqOutcome(entry);
    }

    public Task<FaqOutcome> ApproveAsync(int id, TicketActor approver, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, (entry, now) =>
        {
            if (entry.State != FaqStates.Pending)
            {
                return $"{entry.DisplayId} is {entry.State} already.";
            }

            entry.State = FaqStates.Published;
            entry.PublishedAtUtc = now;
            Decided(entry, approver, now);
            return null;
        });

    public Task<FaqOutcome> RejectAsync(int id, TicketActor approver, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, (entry, now) =>
        {
            if (entry.State != FaqStates.Pending)
            {
                return $"{entry.DisplayId} is {entry.State} already.";
            }

            entry.State = FaqStates.Rejected;
            Decided(entry, approver, now);
            return null;
        });

    public Task<FaqOutcome> EditAsync(int id, string? question, string? answer, TicketActor editor, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, (entry, now) =>
        {
            if (entry.State is FaqStates.Rejected or FaqStates.Retired)
            {
                return $"{entry.DisplayId} is {entry.State}: nothing was changed.";
            }

            if (Refusal(question, answer, null) is { } refusal)
            {
                return refusal;
            }

            entry.Question = question!.Trim();
            entry.Answer = answer!.Trim();
            entry.UpdatedAtUtc = now;
            return null;
        });

    public Task<FaqOutcome> RetireAsync(int id, TicketActor by, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, (entry, now) =>
        {
            if (entry.State == FaqStates.Retired)
            {
                return $"{entry.DisplayId} is retired already.";
            }

            entry.State = FaqStates.Retired;
            Decided(entry, by, now);
            return null;
        });

    /// <summary>Why a question and answer cannot become an entry; null when they can.</summary>
    public static string? Refusal(string? question, string? answer, string? askerName)
    {
        var q = question?.Trim() ?? "";
        var a = answer?.Trim() ?? "";
        if (q.Length < MinQuestion)
        {
            return $"Write the question in full (at least {MinQuestion} characters).";
        }

        if (q.Length > FaqEntry.MaxQuestion)
        {
            return $"The question is {q.Length:N0} characters long; up to {FaqEntry.MaxQuestion:N0} fit.";
        }

        if (a.Length == 0)
        {
            return "Write the answer.";
        }

        if (a.Length > ExpertTicket.MaxAnswer)
        {
            return $"The answer is {a.Length:N0} characters long; up to {ExpertTicket.MaxAnswer:N0} fit.";
        }

        var named = NameParts(askerName).FirstOrDefault(part => Regex.IsMatch(q + "\n" + a, $@"(?<!\p{{L}}){Regex.Escape(part)}(?!\p{{L}})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        return named is null ? null : "The entry names the person who asked: write it as a general question and answer, without their name.";
    }

    private static IEnumerable<string> NameParts(string? name) =>
        (name ?? "").Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p.Length >= 3);

    private static void Decided(FaqEntry entry, TicketActor by, DateTime now)
    {
        entry.DecidedByName = TextCut.Cut(by.Name, 200);
        entry.DecidedByObjectId = by.ObjectId;
        entry.DecidedAtUtc = now;
        entry.UpdatedAtUtc = now;
    }

    private async Task<FaqOutcome> ChangeAsync(int id, CancellationToken cancellationToken, Func<FaqEntry, DateTime, string?> step)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var entry = await db.FaqEntries.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
            if (entry is null)
            {
                return new FaqOutcome(null, $"There is no FAQ entry {FaqEntry.FormatId(id)}.");
            }

            var refusal = step(entry, time.GetUtcNow().UtcDateTime);
            if (refusal is not null)
            {
                // Done already, perhaps on another instance: this instance's index is brought in line all the same.
                await knowledge.SyncAsync(cancellationToken);
                return new FaqOutcome(entry, refusal);
            }

            entry.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                continue;
            }

            await knowledge.SyncAsync(cancellationToken);
            ExpertsLog.FaqChanged(logger, entry.DisplayId, entry.State);
            return new FaqOutcome(entry);
        }
    }
}
