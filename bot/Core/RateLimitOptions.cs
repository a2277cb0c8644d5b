using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Core;

/// <summary>One allowance per person for everything that costs the bot work. Section "RateLimit".</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>The former name of <see cref="MaxPerMinute"/>, refused at start-up so a deployment does not lose its limit unnoticed.</summary>
    public const string FormerSetting = "Questions:MaxPerMinute";

    /// <summary>
    /// Questions, commands (new idea, idea pages, digest preview, …) and card actions (submissions, buttons) one person
    /// may send in any minute, counted together; more are refused with a friendly message. 0 turns the limit off.
    /// </summary>
    [Range(0, 10000)]
    public int MaxPerMinute { get; set; } = 20;
}
