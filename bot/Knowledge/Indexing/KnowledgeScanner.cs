using System.Security.Cryptography;
using AdoptionBot.Knowledge.Reading;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>A knowledge file found on disk, with the hash of its bytes.</summary>
public sealed record KnowledgeFile(string RelativePath, string FullPath, string ContentHash);

/// <summary>
/// Finds the knowledge files and turns one file into chunks. Guidelines: .md .txt .html .pdf .docx anywhere under the
/// knowledge folder; the catalogue: .csv and .md under use-cases/. README.md files and dot-folders are ignored.
/// One file is read within Knowledge:MaxFileMegabytes and Knowledge:MaxFileSeconds; a file that fails in any way is
/// skipped with one warning naming it, and the others are read as usual.
/// </summary>
public sealed class KnowledgeScanner(
    IOptions<KnowledgeOptions> options,
    IEnumerable<IDocumentReader> readers,
    DocumentChunker chunker,
    TimeProvider time,
    ILogger<KnowledgeScanner> logger)
{
    public const string CatalogueFolder = "use-cases";
    private static readonly string[] CatalogueExtensions = [".csv", ".md"];
    private readonly Dictionary<string, IDocumentReader> _readers = readers
        .SelectMany(r => r.Extensions.Select(e => (Extension: e, Reader: r)))
        .ToDictionary(p => p.Extension, p => p.Reader, StringComparer.OrdinalIgnoreCase);

    private readonly UseCaseCatalogueReader _catalogue = new();

    public IReadOnlyList<KnowledgeFile> FindFiles()
    {
        var root = Path.GetFullPath(options.Value.ResolvedPath);
        var files = new List<KnowledgeFile>();
        foreach (var full in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
            if (!IsKnowledgeFile(relative))
            {
                continue;
            }

            try
            {
                files.Add(new KnowledgeFile(relative, full, Hash(full)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                KnowledgeLog.FileUnreadable(logger, relative, Describe(ex));
            }
        }

        return files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Reads and chunks one file. A file that cannot be read, is too large or takes too long yields no chunks and one
    /// warning naming it and why (the exception's type, never its text). Throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task<IReadOnlyList<KnowledgeChunk>> ReadChunksAsync(KnowledgeFile file, CancellationToken cancellationToken) =>
        WithinLimitsAsync(file, Read, cancellationToken);

    /// <summary>
    /// The use cases of one catalogue file, within the same limits as <see cref="ReadChunksAsync"/>; a file that fails
    /// yields none and one warning. Entries that are skipped are logged with the reason.
    /// </summary>
    public Task<IReadOnlyList<UseCase>> ReadUseCasesAsync(KnowledgeFile file, CancellationToken cancellationToken) =>
        WithinLimitsAsync(file, ReadCatalogue, cancellationToken);

    /// <summary>
    /// Runs one reader on a worker thread within Knowledge:MaxFileMegabytes and Knowledge:MaxFileSeconds (the readers stop
    /// at the deadline themselves, and one that does not still cannot hold up the sync). A file that fails in any way
    /// yields nothing and one warning naming it and why (the exception's type, never its text).
    /// </summary>
    private async Task<IReadOnlyList<T>> WithinLimitsAsync<T>(KnowledgeFile file, Func<KnowledgeFile, ReadLimits, IReadOnlyList<T>> read, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(settings.MaxFileSeconds), time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var limits = new ReadLimits(ReadLimits.Megabytes(settings.MaxFileMegabytes), stop.Token);
        try
        {
            var reading = Task.Run(() => read(file, limits), CancellationToken.None);
            _ = reading.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return await reading.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            KnowledgeLog.FileTimedOut(logger, file.RelativePath, settings.MaxFileSeconds);
        }
        catch (KnowledgeFileTooLargeException)
        {
            KnowledgeLog.FileTooLarge(logger, file.RelativePath, settings.MaxFileMegabytes);
        }
        catch (Exception ex)
        {
            KnowledgeLog.FileUnreadable(logger, file.RelativePath, Describe(ex));
        }

        return [];
    }

    /// <summary>Whether a file (by its path relative to the knowledge folder) belongs to the use-case catalogue.</summary>
    public static bool IsCatalogue(string relative) =>
        relative.StartsWith(CatalogueFolder + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The exception's type and those of its causes ("InvalidDataException caused by XmlException"): what failed, without the text.</summary>
    internal static string Describe(Exception exception)
    {
        var types = new List<string>();
        for (var current = exception; current is not null && types.Count < 4; current = current.InnerException)
        {
            types.Add(current.GetType().Name);
        }

        return string.Join(" caused by ", types);
    }

    private IReadOnlyList<UseCase> ReadCatalogue(KnowledgeFile file, ReadLimits limits)
    {
        var result = _catalogue.Read(file.FullPath, limits);
        foreach (var problem in result.Skipped)
        {
            KnowledgeLog.CatalogueEntrySkipped(logger, file.RelativePath, problem);
        }

        return result.UseCases;
    }

    private IReadOnlyList<KnowledgeChunk> Read(KnowledgeFile file, ReadLimits limits)
    {
        if (IsCatalogue(file.RelativePath))
        {
            return ReadCatalogue(file, limits).Select(u => chunker.Chunk(file.RelativePath, u)).ToList();
        }

        var document = _readers[Path.GetExtension(file.RelativePath)].Read(file.FullPath, limits);
        var chunks = chunker.Chunk(file.RelativePath, document);
        if (chunks.Count == 0)
        {
            KnowledgeLog.FileWithoutText(logger, file.RelativePath);
        }

        return chunks;
    }

    private bool IsKnowledgeFile(string relative)
    {
        var parts = relative.Split('/');
        if (parts.Any(p => p.StartsWith('.')) || parts[^1].Equals("README.md", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var extension = Path.GetExtension(relative);
        return IsCatalogue(relative) ? CatalogueExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) : _readers.ContainsKey(extension);
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
