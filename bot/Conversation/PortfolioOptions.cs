namespace AdoptionBot.Conversation;

/// <summary>The portfolio team. Section "Portfolio".</summary>
public sealed class PortfolioOptions
{
    public const string SectionName = "Portfolio";

    /// <summary>Entra object ids of the portfolio team, who may run admin commands (env Portfolio__Admins__0, __1, ...).</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Business units an idea can belong to (env Portfolio__BusinessUnits__0 ...). Empty: those found in the use-case catalogue.</summary>
    public List<string> BusinessUnits { get; set; } = [];
}
