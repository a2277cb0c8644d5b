using System.Globalization;

namespace AdoptionBot.Experts;

/// <summary>Where a ticket stands: open → taken → answered → closed, and back to open when the asker finds the answer unclear.</summary>
public static class TicketStates
{
    public const string Open = "open";
    public const string Taken = "taken";
    public const string Answered = "answered";
    public const string Closed = "closed";

    public static string DisplayName(string state) => state switch
    {
        Open => "Open",
        Taken => "Taken",
        Answered => "Answered",
        Closed => "Closed",
        _ => state,
    };

    public static bool IsWaiting(string state) => state is Open or Taken;
}

/// <summary>How a ticket came about.</summary>
public static class TicketOrigins
{
    /// <summary>Under an answer that said the knowledge base does not cover the question.</summary>
    public const string NotCovered = "notCovered";

    /// <summary>Under an answer the employee rated unhelpful.</summary>
    public const string Unhelpful = "unhelpful";

    /// <summary>Opened by the portfolio team from the knowledge gaps (no asker to answer).</summary>
    public const string Gap = "gap";
}

/// <summary>How a closed ticket was closed.</summary>
public static class TicketClosings
{
    public const string Helped = "helped";
    public const string ByExpert = "expert";
}

/// <summary>What a ticket's history records.</summary>
public static class TicketEventKinds
{
    public const string Opened = "opened";
    public const string Taken = "taken";
    public const string Answered = "answered";
    public const string Helped = "helped";
    public const string Reopened = "reopened";
    public const string Closed = "closed";
    public const string Reminded = "reminded";
    public const string FaqProposed = "faq";
}

/// <summary>
/// A question an employee handed to the GenAI experts: what they asked, what the bot attempted, who took it and the
/// answer relayed back. The asker's identity is kept to relay the answer even when the experts do not see it
/// (<see cref="ShowName"/>); the whole ticket follows Questions:RetentionDays.
/// </summary>
public sealed class ExpertTicket
{
    public const int MaxQuestion = 1000;
    public const int MaxContext = 1000;
    public const int MaxAnswer = 4000;
    public const int MaxReason = 500;

    public int Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The ask form's one-time id: a second press of the same form finds this ticket instead of opening another.</summary>
    public required string RequestKey { get; set; }

    public required string Question { get; set; }

    public string? Context { get; set; }

    /// <summary>One of <see cref="TicketOrigins"/>.</summary>
    public required string Origin { get; set; }

    public string? AskerObjectId { get; set; }

    public string? AskerChannelUserId { get; set; }

    public string? AskerName { get; set; }

    public string? AskerServiceUrl { get; set; }

    public string? AskerBotId { get; set; }

    /// <summary>Whether the experts see who asked; anonymous tickets are still answered to the asker.</summary>
    public bool ShowName { get; set; } = true;

    /// <summary>What the bot answered when the ticket was opened (its own text, shown to the experts as plain text).</summary>
    public string AttemptedAnswer { get; set; } = "";

    /// <summary>The titles of the passages that came closest, one per line.</summary>
    public string Sources { get; set; } = "";

    /// <summary>One of <see cref="TicketStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>One of <see cref="TicketClosings"/> once closed.</summary>
    public string? ClosedHow { get; set; }

    public string? ClosedReason { get; set; }

    public string? TakenByObjectId { get; set; }

    public string? TakenByChannelUserId { get; set; }

    public string? TakenByName { get; set; }

    public DateTime? TakenAtUtc { get; set; }

    public string? AnswerText { get; set; }

    public string? AnsweredByObjectId { get; set; }

    public string? AnsweredByName { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>How many answers were relayed; each relay's dedup key carries its number.</summary>
    public int Answers { get; set; }

    public DateTime? FirstAnsweredAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Since when the ticket waits for an answer: its opening, or its reopening.</summary>
    public DateTime WaitingSinceUtc { get; set; }

    public DateTime? LastReminderAtUtc { get; set; }

    public int Reminders { get; set; }

    /// <summary>Where the experts' card went: the channel's conversation id, or null when it went to the portfolio team's 1:1 chats.</summary>
    public string? PostedToChannelId { get; set; }

    /// <summary>When its cards were queued for the experts; null for a ticket whose opening was cut short before that.</summary>
    public DateTime? PostedAtUtc { get; set; }

    /// <summary>The FAQ entry proposed from this ticket, if any.</summary>
    public int? FaqEntryId { get; set; }

    public int Version { get; set; } = 1;

    public List<TicketEvent> History { get; set; } = [];

    public string DisplayId => FormatId(Id);

    public static string FormatId(int id) => "ASK-" + id.ToString("D4", CultureInfo.InvariantCulture);

    public static bool TryParseId(string? text, out int id)
    {
        id = 0;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.StartsWith("ASK-", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[4..];
        }

        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    /// <summary>Who asked, as the experts may see it.</summary>
    public string AskerShown => Origin == TicketOrigins.Gap ? "from the knowledge gaps (no asker to answer)" : ShowName && !string.IsNullOrWhiteSpace(AskerName) ? AskerName! : "anonymous";
}

/// <summary>One step in a ticket's history.</summary>
public sealed class TicketEvent
{
    public long Id { get; set; }

    public int TicketId { get; set; }

    /// <summary>One of <see cref="TicketEventKinds"/>.</summary>
    public required string Kind { get; set; }

    public string? ByObjectId { get; set; }

    public string? ByName { get; set; }

    public DateTime AtUtc { get; set; }

    public string? Text { get; set; }
}

/// <summary>The team channel linked as the experts' channel of a tenant (<c>link experts</c>); at most one active per tenant.</summary>
public sealed class ExpertChannel
{
    public int Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The channel's id (19:…@thread.tacv2), the conversation new tickets are posted to.</summary>
    public required string ChannelId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string BotId { get; set; }

    public string? TeamId { get; set; }

    public string? TeamName { get; set; }

    public string? ChannelName { get; set; }

    public string? LinkedByName { get; set; }

    public string? LinkedByObjectId { get; set; }

    public DateTime LinkedAtUtc { get; set; }

    public bool Active { get; set; }

    public string? StoppedReason { get; set; }

    public DateTime? StoppedAtUtc { get; set; }
}

/// <summary>Where an FAQ entry stands.</summary>
public static class FaqStates
{
    public const string Pending = "pending";
    public const string Published = "published";
    public const string Rejected = "rejected";
    public const string Retired = "retired";
}

/// <summary>
/// A question and an expert's answer turned into knowledge: indexed like a guideline once published, cited as
/// "FAQ — question" with the expert and the date. It stays when the ticket it came from is deleted.
/// </summary>
public sealed class FaqEntry
{
    public const int MaxQuestion = 300;

    public int Id { get; set; }

    public required string TenantId { get; set; }

    public required string Question { get; set; }

    public required string Answer { get; set; }

    public required string ExpertName { get; set; }

    public string? ExpertObjectId { get; set; }

    /// <summary>When the expert answered: the date the citation shows.</summary>
    public DateTime AnsweredAtUtc { get; set; }

    public int? TicketId { get; set; }

    /// <summary>One of <see cref="FaqStates"/>.</summary>
    public required string State { get; set; }

    public string? ProposedByName { get; set; }

    public string? ProposedByObjectId { get; set; }

    public DateTime ProposedAtUtc { get; set; }

    public string? DecidedByName { get; set; }

    public string? DecidedByObjectId { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public int Version { get; set; } = 1;

    public string DisplayId => FormatId(Id);

    public static string FormatId(int id) => "FAQ-" + id.ToString("D4", CultureInfo.InvariantCulture);
}
