namespace AdoptionBot.Storage;

/// <summary>The bot's local files. Section "Storage" (the database is section "Store").</summary>
public sealed class DataFolderOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the SQLite store and the embedded index. Default: data/ at the repository root (or the content root).</summary>
    public string? DataPath { get; set; }

    internal string ResolvedDataPath => DataPath ?? throw new InvalidOperationException("Storage:DataPath was not resolved at start-up.");
}
