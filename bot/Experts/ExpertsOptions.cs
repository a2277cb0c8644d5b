using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Experts;

/// <summary>The expert loop: tickets for the GenAI experts and the FAQ entries their answers become. Section "Experts".</summary>
public sealed class ExpertsOptions
{
    public const string SectionName = "Experts";

    /// <summary>
    /// Working hours (hours on working days: Monday to Friday without Portfolio:Holidays, in the programme's time zone)
    /// a ticket may wait for an answer before it is posted again in the experts' channel, mentioning whoever took it.
    /// </summary>
    [Range(1, 720)]
    public int ReminderHours { get; set; } = 24;

    /// <summary>Whether an expert's "Publish as FAQ" waits for a portfolio-team member's approval (default) or publishes at once.</summary>
    public bool PublishNeedsApproval { get; set; } = true;

    /// <summary>Tickets one person may have waiting at once; more are refused with a pointer to the ones open.</summary>
    [Range(1, 100)]
    public int MaxWaitingPerAsker { get; set; } = 5;

    /// <summary>How often the reminders and the retention of tickets are checked.</summary>
    [Range(1, 1440)]
    public int CheckMinutes { get; set; } = 15;

    /// <summary>How many of the closest sources the experts' card lists.</summary>
    [Range(1, 10)]
    public int SourcesShown { get; set; } = 3;
}
