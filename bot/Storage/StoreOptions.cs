namespace AdoptionBot.Storage;

/// <summary>The bot's database. Section "ConnectionStrings".</summary>
public sealed class StoreOptions
{
    public const string SectionName = "ConnectionStrings";

    /// <summary>
    /// ConnectionStrings:AdoptionBot (env ConnectionStrings__AdoptionBot): the store's connection string.
    /// Default: a SQLite file adoptionbot.db in the data folder.
    /// </summary>
    public string? AdoptionBot { get; set; }
}
