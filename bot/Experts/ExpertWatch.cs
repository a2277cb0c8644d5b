using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Experts;

/// <summary>
/// Keeps the promises of the expert loop: every few minutes (Experts:CheckMinutes) a ticket waiting longer than
/// Experts:ReminderHours working hours is posted again, mentioning whoever took it, and a ticket whose opening was cut
/// short is posted. Several instances may run it: a reminder is one step on the ticket, taken once.
/// </summary>
public sealed class ExpertWatch(TicketService tickets, IWorkingCalendar calendar, IOptions<ExpertsOptions> options, TimeProvider time, ILogger<ExpertWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ExpertsLog.WatchFailed(logger, ex);
            }

            await Task.Delay(TimeSpan.FromMinutes(options.Value.CheckMinutes), time, stoppingToken);
        }
    }

    /// <summary>One pass: returns the reminders queued.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await tickets.PostUnpostedAsync(cancellationToken);
        var reminded = await tickets.RemindAsync(calendar, cancellationToken);
        if (reminded > 0)
        {
            ExpertsLog.Reminded(logger, reminded);
        }

        return reminded;
    }
}

/// <summary>
/// When the bot can no longer post to an experts' channel (the connector answers 403 or 404, or the bot was removed
/// from the team), the channel stops and its tickets that still matter go to the portfolio team's 1:1 chats, with a warning.
/// </summary>
public sealed class ExpertChannelWatch(ExpertChannels channels, TicketService tickets, ILogger<ExpertChannelWatch> logger) : IDeliveryObserver, IConversationObserver
{
    public async Task ConversationGoneAsync(OutboxRecipient recipient, string reason, CancellationToken cancellationToken)
    {
        if (recipient.ConversationId is not { } conversation)
        {
            return;
        }

        var channelId = conversation.Split(";messageid=")[0];
        await StopAsync(c => c.ChannelId == channelId, $"the bot can no longer post there ({reason})", cancellationToken);
    }

    public Task MessageReceivedAsync(IActivity activity, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task BotRemovedAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var teamId = activity.TeamsGetTeamInfo()?.Id;
        if (teamId is not null)
        {
            await StopAsync(c => c.TeamId == teamId, "the bot was removed from the team", cancellationToken);
        }
    }

    private async Task StopAsync(Func<ExpertChannel, bool> matches, string reason, CancellationToken cancellationToken)
    {
        foreach (var channel in await channels.StopAsync(matches, reason, cancellationToken))
        {
            var moved = await tickets.RepostAsync(channel.TenantId, channel.ChannelId, cancellationToken);
            ExpertsLog.ChannelStopped(logger, channel.Id, reason, moved);
        }
    }
}

/// <summary>Deletes tickets (their text, history and the asker's identity) older than Questions:RetentionDays; FAQ entries stay.</summary>
public sealed class TicketRetention(IDbContextFactory<AdoptionBotDbContext> contexts, IOptions<QuestionsOptions> questions, TimeProvider time, ILogger<TicketRetention> logger) : IRetentionRule
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var days = questions.Value.RetentionDays;
        if (days == 0)
        {
            return;
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = 0;
        while (true)
        {
            var ids = await db.ExpertTickets.AsNoTracking().Where(t => t.CreatedAtUtc < cutoff).OrderBy(t => t.Id).Select(t => t.Id).Take(500).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            await db.FaqEntries.Where(f => f.TicketId != null && ids.Contains(f.TicketId.Value)).ExecuteUpdateAsync(s => s.SetProperty(f => f.TicketId, (int?)null), cancellationToken);
            await db.TicketEvents.Where(e => ids.Contains(e.TicketId)).ExecuteDeleteAsync(cancellationToken);
            deleted += await db.ExpertTickets.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            ExpertsLog.TicketsDeleted(logger, deleted, days);
        }
    }
}
