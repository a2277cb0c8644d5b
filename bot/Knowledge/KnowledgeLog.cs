namespace AdoptionBot.Knowledge;

internal static partial class KnowledgeLog
{
    // A skipped file is named with why, never with an exception's text: that can quote the file or a server path.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped knowledge file {File}: it could not be read ({ExceptionType})")]
    public static partial void FileUnreadable(ILogger logger, string file, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped knowledge file {File}: it is larger than Knowledge:MaxFileMegabytes ({MaxMegabytes} MB) allows, on disk or unpacked")]
    public static partial void FileTooLarge(ILogger logger, string file, int maxMegabytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped knowledge file {File}: it was not read within Knowledge:MaxFileSeconds ({MaxSeconds} s)")]
    public static partial void FileTimedOut(ILogger logger, string file, int maxSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped knowledge file {File}: no text found")]
    public static partial void FileWithoutText(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a use case in {File}: {Reason}")]
    public static partial void CatalogueEntrySkipped(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index synced in {ElapsedMs} ms: {Files} files, {Changed} re-indexed, {Removed} removed, {Chunks} chunks embedded")]
    public static partial void Synced(ILogger logger, long elapsedMs, int files, int changed, int removed, int chunks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge indexing failed")]
    public static partial void IndexingFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the Azure AI Search index {Index} ({Dimensions}-dimension vectors)")]
    public static partial void SearchIndexCreated(ILogger logger, string index, int dimensions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilding the Azure AI Search index {Index} from scratch because {Reason}; searches find nothing until the sync has re-indexed the knowledge base")]
    public static partial void SearchIndexRebuilt(ILogger logger, string index, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is writing the shared knowledge index (lease {Lease}); this one serves it and checks again later")]
    public static partial void WrittenElsewhere(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease {Lease} during a sync: it expired and another instance took it over")]
    public static partial void WriteLeaseLost(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease {Lease} failed; it expires unless renewed")]
    public static partial void WriteLeaseRenewFailed(ILogger logger, Exception exception, string lease);
}
