using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Delivery;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions;
using AdoptionBot.Questions.FollowUps;
using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Experts;

/// <summary>Who acts on a ticket: their Entra object id, Teams user id and name, and whether they are on the portfolio team.</summary>
public sealed record TicketActor(string? ObjectId, string? ChannelUserId, string Name, bool IsPortfolioTeam);

/// <summary>What an employee hands to the experts.</summary>
public sealed record TicketRequest(string RequestKey, string TenantId, string Question, string? Context, string Origin, bool ShowName, TicketActor Asker, ConversationOrigin? AskerOrigin);

/// <summary>
/// The result of a step: the ticket as it now stands, and what to tell whoever pressed when the step did not happen as
/// asked; <paramref name="InputRefused"/> when it was what they typed (the form is shown again), not the ticket's state.
/// </summary>
public sealed record TicketOutcome(ExpertTicket? Ticket, string? Notice = null, bool InputRefused = false);

/// <summary>
/// The ticket's rules: who may do what in which state, every step in the history, the experts' cards kept current and
/// exactly one relay to the asker per answer (the relay is stored with the step, in one transaction; a second press
/// of the same button, a retried invoke or another instance finds the step done and relays nothing).
/// </summary>
public sealed class TicketService(
    IDbContextFactory<AdoptionBotDbContext> contexts,
    IOutbox outbox,
    TicketPosts posts,
    ChannelService chats,
    QuestionAnswerer answerer,
    IKnowledgeSearch search,
    IOptions<ExpertsOptions> options,
    IOptions<QuestionsOptions> questions,
    TimeProvider time,
    ILogger<TicketService> logger)
{
    /// <summary>The outbox kind of what the asker is sent.</summary>
    public const string RelayKind = "expertAnswer";

    public async Task<ExpertTicket?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ExpertTickets.AsNoTracking().Include(t => t.History).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>Opens a ticket, or finds the one this request already opened (the same form pressed twice).</summary>
    public async Task<TicketOutcome> OpenAsync(TicketRequest request, CancellationToken cancellationToken)
    {
        var question = request.Question.Trim();
        if (question.Length == 0)
        {
            return new TicketOutcome(null, "There is no question to hand on. Ask it in this chat first, then press **Ask the GenAI team** under the answer.");
        }

        if (question.Length > ExpertTicket.MaxQuestion)
        {
            return new TicketOutcome(null, $"That question is {question.Length:N0} characters long; the experts take up to {ExpertTicket.MaxQuestion:N0}. Ask a shorter one in this chat, then press the button under its answer.");
        }

        var context = request.Context?.Trim();
        if (context is { Length: > ExpertTicket.MaxContext })
        {
            return new TicketOutcome(null, $"The context is {context.Length:N0} characters long; up to {ExpertTicket.MaxContext:N0} fit. Shorten it and send again.");
        }

        await using (var read = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await read.ExpertTickets.AsNoTracking().FirstOrDefaultAsync(t => t.RequestKey == request.RequestKey, cancellationToken) is { } existing)
            {
                return new TicketOutcome(existing);
            }

            if (request.Asker.ObjectId is { } asker
                && await read.ExpertTickets.CountAsync(t => t.AskerObjectId == asker && (t.State == TicketStates.Open || t.State == TicketStates.Taken), cancellationToken) >= options.Value.MaxWaitingPerAsker)
            {
                return new TicketOutcome(null, $"You already have {options.Value.MaxWaitingPerAsker} questions waiting for the GenAI team. They answer here; once one is answered you can ask another.");
            }
        }

        var (attempt, sources) = await AttemptAsync(question, request.TenantId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var ticket = new ExpertTicket
        {
            TenantId = request.TenantId,
            RequestKey = request.RequestKey,
            Question = question,
            Context = string.IsNullOrEmpty(context) ? null : context,
            Origin = request.Origin,
            AskerObjectId = request.Asker.ObjectId,
            AskerChannelUserId = request.Asker.ChannelUserId,
            AskerName = request.Origin == TicketOrigins.Gap ? null : TextCut.Cut(request.Asker.Name, 200),
            AskerServiceUrl = request.AskerOrigin?.ServiceUrl,
            AskerBotId = request.AskerOrigin?.BotId,
            ShowName = request.ShowName,
            AttemptedAnswer = attempt,
            Sources = sources,
            State = TicketStates.Open,
            CreatedAtUtc = now,
            WaitingSinceUtc = now,
        };
        ticket.History.Add(Event(TicketEventKinds.Opened, request.Asker, now, request.Origin == TicketOrigins.Gap ? "from the knowledge gaps" : null, hideName: !request.ShowName));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ExpertTickets.Add(ticket);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same form, pressed on another instance at the same moment: that ticket is the one.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return new TicketOutcome(await again.ExpertTickets.AsNoTracking().FirstAsync(t => t.RequestKey == request.RequestKey, cancellationToken));
        }

        // The cards name the ticket, so they follow its first save; a crash in between leaves it unposted, and the
        // experts' watch posts it on its next pass.
        await PostAsync(db, ticket, cancellationToken);
        ExpertsLog.TicketOpened(logger, ticket.DisplayId, ticket.Origin, ticket.PostedToChannelId is not null);
        return new TicketOutcome(ticket);
    }

    /// <summary>Posts the tickets a crash left unposted, older than a minute (a ticket being opened now is its opener's to post).</summary>
    public async Task<int> PostUnpostedAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unposted = await db.ExpertTickets.Where(t => t.PostedAtUtc == null && t.CreatedAtUtc < before).OrderBy(t => t.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var ticket in unposted)
        {
            await PostAsync(db, ticket, cancellationToken);
        }

        return unposted.Count;
    }

    private async Task PostAsync(AdoptionBotDbContext db, ExpertTicket ticket, CancellationToken cancellationToken)
    {
        var entries = await posts.PostAsync(ticket, cancellationToken);
        ticket.PostedAtUtc = time.GetUtcNow().UtcDateTime;
        await outbox.SaveWithAsync(db, entries, cancellationToken);
    }

    /// <summary>An expert takes the ticket; the second to press is told who has it.</summary>
    public Task<TicketOutcome> TakeAsync(int id, TicketActor expert, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, (ticket, now) =>
        {
            if (ticket.State == TicketStates.Taken && ticket.TakenByObjectId == expert.ObjectId)
            {
                return Done.Nothing($"You have {ticket.DisplayId}.");
            }

            if (ticket.State != TicketStates.Open)
            {
                return Done.Nothing(ticket.State == TicketStates.Taken
                    ? $"{CardText.Plain(ticket.TakenByName)} has {ticket.DisplayId} since {ticket.TakenAtUtc:d MMM HH:mm} UTC."
                    : $"{ticket.DisplayId} is {TicketStates.DisplayName(ticket.State).ToLowerInvariant()} already.");
            }

            ticket.State = TicketStates.Taken;
            ticket.TakenByObjectId = expert.ObjectId;
            ticket.TakenByChannelUserId = expert.ChannelUserId;
            ticket.TakenByName = TextCut.Cut(expert.Name, 200);
            ticket.TakenAtUtc = now;
            ticket.History.Add(Event(TicketEventKinds.Taken, expert, now, null));
            return Done.Changed();
        });

    /// <summary>An expert answers: the answer is relayed to the asker once, and the ticket is answered.</summary>
    public Task<TicketOutcome> AnswerAsync(int id, string? text, TicketActor expert, CancellationToken cancellationToken)
    {
        var answer = text?.Trim() ?? "";
        return ChangeAsync(id, cancellationToken, (ticket, now) =>
        {
            if (ticket.State == TicketStates.Answered && ticket.AnsweredByObjectId == expert.ObjectId && ticket.AnswerText == answer)
            {
                return Done.Nothing($"Your answer to {ticket.DisplayId} was sent.");
            }

            if (!TicketStates.IsWaiting(ticket.State))
            {
                return Done.Nothing($"{ticket.DisplayId} is {TicketStates.DisplayName(ticket.State).ToLowerInvariant()} already: nothing was sent.");
            }

            if (ticket.State == TicketStates.Taken && ticket.TakenByObjectId != expert.ObjectId && !expert.IsPortfolioTeam)
            {
                return Done.Nothing($"{CardText.Plain(ticket.TakenByName)} has {ticket.DisplayId}; nothing was sent. Ask them, or the portfolio team.");
            }

            if (answer.Length == 0)
            {
                return Done.Refused("Write the answer first: nothing was sent.");
            }

            if (answer.Length > ExpertTicket.MaxAnswer)
            {
                return Done.Refused($"The answer is {answer.Length:N0} characters long; up to {ExpertTicket.MaxAnswer:N0} fit. Nothing was sent.");
            }

            ticket.State = TicketStates.Answered;
            ticket.AnswerText = answer;
            ticket.AnsweredByObjectId = expert.ObjectId;
            ticket.AnsweredByName = TextCut.Cut(expert.Name, 200);
            ticket.AnsweredAtUtc = now;
            ticket.FirstAnsweredAtUtc ??= now;
            ticket.TakenByObjectId ??= expert.ObjectId;
            ticket.TakenByChannelUserId ??= expert.ChannelUserId;
            ticket.TakenByName ??= ticket.AnsweredByName;
            ticket.TakenAtUtc ??= now;
            ticket.Answers++;
            ticket.History.Add(Event(TicketEventKinds.Answered, expert, now, answer));
            return Done.Changed(relay: ticket.Origin == TicketOrigins.Gap ? null : (ExpertCards.AnswerForAsker(ticket), $"ticket:{ticket.Id}:answer:{ticket.Answers}"));
        });
    }

    /// <summary>An expert closes the ticket with a reason; the asker is told.</summary>
    public Task<TicketOutcome> CloseAsync(int id, string? reason, TicketActor expert, CancellationToken cancellationToken)
    {
        var why = reason?.Trim() ?? "";
        return ChangeAsync(id, cancellationToken, (ticket, now) =>
        {
            if (ticket.State == TicketStates.Closed)
            {
                return Done.Nothing($"{ticket.DisplayId} is closed already.");
            }

            if (why.Length == 0)
            {
                return Done.Refused("Say why it is closed: the asker reads it. Nothing was changed.");
            }

            if (why.Length > ExpertTicket.MaxReason)
            {
                return Done.Refused($"The reason is {why.Length:N0} characters long; up to {ExpertTicket.MaxReason:N0} fit. Nothing was changed.");
            }

            ticket.State = TicketStates.Closed;
            ticket.ClosedHow = TicketClosings.ByExpert;
            ticket.ClosedReason = why;
            ticket.History.Add(Event(TicketEventKinds.Closed, expert, now, why));
            return Done.Changed(relay: ticket.Origin == TicketOrigins.Gap ? null : (ExpertCards.ClosedForAsker(ticket, expert.Name), $"ticket:{ticket.Id}:closed:{ticket.History.Count}"));
        });
    }

    /// <summary>The asker says the answer helped: the ticket is closed.</summary>
    public Task<TicketOutcome> HelpedAsync(int id, int? answerNumber, TicketActor asker, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, (ticket, now) =>
        {
            if (AskerRefusal(ticket, asker, answerNumber) is { } refusal)
            {
                return Done.Nothing(refusal);
            }

            if (ticket.State == TicketStates.Closed && ticket.ClosedHow == TicketClosings.Helped)
            {
                return Done.Nothing($"Thanks: {ticket.DisplayId} is closed.");
            }

            ticket.State = TicketStates.Closed;
            ticket.ClosedHow = TicketClosings.Helped;
            ticket.ClosedReason = null;
            ticket.History.Add(Event(TicketEventKinds.Helped, asker, now, null, hideName: !ticket.ShowName));
            return Done.Changed();
        });

    /// <summary>The asker finds the answer unclear: the ticket opens again with their comment.</summary>
    public Task<TicketOutcome> UnclearAsync(int id, int? answerNumber, string? comment, TicketActor asker, CancellationToken cancellationToken)
    {
        var text = comment?.Trim() ?? "";
        return ChangeAsync(id, cancellationToken, (ticket, now) =>
        {
            if (AskerRefusal(ticket, asker, answerNumber) is { } refusal)
            {
                return Done.Nothing(refusal);
            }

            if (TicketStates.IsWaiting(ticket.State))
            {
                return Done.Nothing($"{ticket.DisplayId} is with the GenAI team again; they answer here.");
            }

            if (text.Length == 0)
            {
                return Done.Refused("Say what is still unclear, so the experts can answer it.");
            }

            if (text.Length > ExpertTicket.MaxContext)
            {
                return Done.Refused($"That comment is {text.Length:N0} characters long; up to {ExpertTicket.MaxContext:N0} fit.");
            }

            ticket.State = TicketStates.Open;
            ticket.ClosedHow = null;
            ticket.ClosedReason = null;
            ticket.TakenByObjectId = null;
            ticket.TakenByChannelUserId = null;
            ticket.TakenByName = null;
            ticket.TakenAtUtc = null;
            ticket.WaitingSinceUtc = now;
            ticket.LastReminderAtUtc = null;
            ticket.History.Add(Event(TicketEventKinds.Reopened, asker, now, text, hideName: !ticket.ShowName));
            return Done.Changed();
        });
    }

    /// <summary>Records that an FAQ entry was proposed from the ticket, so its card stops offering it.</summary>
    internal Task<TicketOutcome> FaqProposedAsync(int id, int faqId, TicketActor expert, CancellationToken cancellationToken) =>
        ChangeAsync(id, cancellationToken, (ticket, now) =>
        {
            ticket.FaqEntryId = faqId;
            ticket.History.Add(Event(TicketEventKinds.FaqProposed, expert, now, FaqEntry.FormatId(faqId)));
            return Done.Changed();
        });

    /// <summary>The waiting tickets past the reminder time: each gets its reminder once per period.</summary>
    public async Task<int> RemindAsync(IWorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hours = options.Value.ReminderHours;
        // Working hours are never more than calendar hours: only tickets waiting that long can be due.
        var candidatesSince = now.AddHours(-hours);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = await db.ExpertTickets.AsNoTracking()
            .Where(t => (t.State == TicketStates.Open || t.State == TicketStates.Taken) && t.WaitingSinceUtc <= candidatesSince)
            .OrderBy(t => t.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var candidate in waiting)
        {
            var since = candidate.LastReminderAtUtc ?? candidate.WaitingSinceUtc;
            if (calendar.HoursBetween(since, now) < hours)
            {
                continue;
            }

            var waited = calendar.HoursBetween(candidate.WaitingSinceUtc, now);
            var outcome = await ChangeAsync(candidate.Id, cancellationToken, (ticket, at) =>
            {
                if (!TicketStates.IsWaiting(ticket.State) || ticket.Reminders != candidate.Reminders)
                {
                    return Done.Nothing("answered or reminded meanwhile");
                }

                ticket.LastReminderAtUtc = at;
                ticket.Reminders++;
                ticket.History.Add(new TicketEvent { Kind = TicketEventKinds.Reminded, AtUtc = at, Text = $"{waited:0} working hours" });
                return Done.Changed(reminder: waited);
            });
            if (outcome.Notice is null)
            {
                reminded++;
            }
        }

        return reminded;
    }

    /// <summary>After the experts' channel stopped: the tickets posted there that still matter go to the portfolio team's 1:1 chats.</summary>
    public async Task<int> RepostAsync(string tenantId, string channelId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tickets = await db.ExpertTickets
            .Where(t => t.TenantId == tenantId && t.PostedToChannelId == channelId && t.State != TicketStates.Closed)
            .OrderBy(t => t.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        foreach (var ticket in tickets)
        {
            entries.AddRange(await posts.PostAsync(ticket, cancellationToken));
        }

        await outbox.SaveWithAsync(db, entries, cancellationToken);
        return tickets.Count;
    }

    // Every step is judged on the ticket as it is now, not as the pressed card showed it: a repeated press finds its step done.
    private async Task<TicketOutcome> ChangeAsync(int id, CancellationToken cancellationToken, Func<ExpertTicket, DateTime, Done> step)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ticket = await db.ExpertTickets.Include(t => t.History).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (ticket is null)
            {
                return new TicketOutcome(null, $"There is no ticket {ExpertTicket.FormatId(id)}; it may have been deleted after Questions:RetentionDays.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var done = step(ticket, now);
            if (!done.IsChange)
            {
                return new TicketOutcome(ticket, done.Notice, done.InputRefused);
            }

            ticket.Version++;
            var entries = new List<OutboxEntry>();
            if (done.Relay is { } relay && await AskerChatAsync(ticket, cancellationToken) is { } chat)
            {
                entries.Add(new OutboxEntry(chat, CardSerializer.ToMessage(relay.Card), relay.Key, RelayKind));
            }

            if (done.Reminder is { } waited)
            {
                entries.AddRange(await posts.RemindAsync(ticket, waited, cancellationToken));
            }

            try
            {
                // The step, what it sends and the posted cards' new content: stored together, or not at all.
                await outbox.SaveWithAsync(db, entries, await posts.ReplacementsAsync(ticket, cancellationToken), cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Another press (or instance) changed the ticket first: the step is judged again on what it did.
                continue;
            }

            return new TicketOutcome(ticket);
        }
    }

    private async Task<OutboxRecipient?> AskerChatAsync(ExpertTicket ticket, CancellationToken cancellationToken)
    {
        var origin = ticket.AskerServiceUrl is { } serviceUrl && ticket.AskerBotId is { } botId ? new ConversationOrigin(serviceUrl, ticket.TenantId, botId) : null;
        var chat = await chats.PersonalChatOfAsync(ticket.AskerObjectId, origin, ticket.AskerChannelUserId, cancellationToken);
        if (chat is null)
        {
            ExpertsLog.AskerUnreachable(logger, ticket.DisplayId);
        }

        return chat;
    }

    private static string? AskerRefusal(ExpertTicket ticket, TicketActor asker, int? answerNumber)
    {
        if (ticket.AskerObjectId is null || ticket.AskerObjectId != asker.ObjectId)
        {
            return "Only the person who asked can say whether the answer helped.";
        }

        return answerNumber is { } n && n != ticket.Answers && ticket.Answers > 0
            ? $"A newer answer to {ticket.DisplayId} came after this one: use the buttons under the latest."
            : ticket.Answers == 0 ? $"{ticket.DisplayId} has no answer yet." : null;
    }

    private async Task<(string Attempt, string Sources)> AttemptAsync(string question, string tenantId, CancellationToken cancellationToken)
    {
        if (!search.IsReady)
        {
            return ("The knowledge search was still starting; the bot made no attempt.", "");
        }

        try
        {
            var answer = await answerer.AnswerAsync(QuestionInContext.Standalone(question), tenantId, null, cancellationToken);

            // An answer names its sources; a "not covered" one has none, so the closest passages are looked up for the experts.
            var titles = answer.IsCovered
                ? answer.Citations.Select(c => c.Chunk.Title)
                : (await search.SearchAsync(question, questions.Value.MaxPassages, KnowledgeFilter.For(tenantId), cancellationToken)).Select(p => p.Chunk.Title);
            var sources = titles.Distinct(StringComparer.Ordinal).Take(options.Value.SourcesShown);
            var attempt = answer.IsCovered ? answer.Text : "Not covered: the knowledge base held nothing the bot could answer this from.";
            return (TextCut.Excerpt(attempt, 2000), TextCut.Cut(string.Join('\n', sources), 1000));
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or Azure.RequestFailedException or System.ClientModel.ClientResultException)
        {
            ExpertsLog.AttemptFailed(logger, ex.GetType().Name);
            return ("The knowledge search could not be reached; the bot made no attempt.", "");
        }
    }

    private static TicketEvent Event(string kind, TicketActor? by, DateTime at, string? text, bool hideName = false) => new()
    {
        Kind = kind,
        ByObjectId = by?.ObjectId,
        ByName = hideName ? null : by is null ? null : TextCut.Cut(by.Name, 200),
        AtUtc = at,
        Text = text is null ? null : TextCut.Cut(text, ExpertTicket.MaxAnswer),
    };

    /// <summary>What a step did: changed the ticket (with a message for the asker or a reminder), or nothing, with why.</summary>
    private sealed record Done(bool IsChange, string? Notice, (AdaptiveCard Card, string Key)? Relay, double? Reminder, bool InputRefused = false)
    {
        public static Done Nothing(string notice) => new(false, notice, null, null);

        /// <summary>Nothing, because of what was typed: the form comes back.</summary>
        public static Done Refused(string notice) => new(false, notice, null, null, InputRefused: true);

        public static Done Changed((AdaptiveCard Card, string Key)? relay = null, double? reminder = null) => new(true, null, relay, reminder);
    }
}
