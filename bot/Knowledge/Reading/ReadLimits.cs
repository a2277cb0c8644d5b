namespace AdoptionBot.Knowledge.Reading;

/// <summary>
/// What a reader may spend on one file: at most <see cref="MaxBytes"/> on disk (and unpacked, for a Word document),
/// and only until <see cref="Stop"/> is signalled (the per-file deadline, or the sync's own cancellation).
/// </summary>
public sealed record ReadLimits(long MaxBytes, CancellationToken Stop)
{
    /// <summary>The defaults of Knowledge:MaxFileMegabytes with no deadline: for reading a file outside a sync.</summary>
    public static ReadLimits Default { get; } = new(Megabytes(new KnowledgeOptions().MaxFileMegabytes), CancellationToken.None);

    public static long Megabytes(int megabytes) => megabytes * 1024L * 1024L;

    /// <summary>Throws <see cref="KnowledgeFileTooLargeException"/> when the file on disk is over the limit.</summary>
    public void CheckFileSize(string path)
    {
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new KnowledgeFileTooLargeException();
        }
    }

    /// <summary>Throws <see cref="KnowledgeFileTooLargeException"/> when <paramref name="bytes"/> are over the limit.</summary>
    public void CheckSize(long bytes)
    {
        if (bytes > MaxBytes)
        {
            throw new KnowledgeFileTooLargeException();
        }
    }
}

/// <summary>A knowledge file, or what it unpacks to, is larger than Knowledge:MaxFileMegabytes.</summary>
public sealed class KnowledgeFileTooLargeException : Exception
{
    public KnowledgeFileTooLargeException()
        : base("The file is larger than Knowledge:MaxFileMegabytes allows.")
    {
    }

    public KnowledgeFileTooLargeException(string message)
        : base(message)
    {
    }

    public KnowledgeFileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
