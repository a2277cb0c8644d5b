using System.Security.Cryptography;
using AdoptionBot.Knowledge.Reading;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Knowledge.Indexing;

/// <summary>A knowledge file found on disk, with the hash of its bytes.</summary>
public sealed record KnowledgeFile(string RelativePath, string FullPath, string ContentHash);

/// <summary>
/// Finds the knowledge files and turns one file into chunks. Guidelines: .md .txt .html .pdf .docx anywhere under the
/// knowledge folder; the catalogue: .csv and .md under use-cases/. README.md files and dot-folders are ignored.
/// </summary>
public sealed class KnowledgeScanner(IOptions<KnowledgeOptions> options, IEnumerable<IDocumentReader> readers, DocumentChunker chunker, ILogger<KnowledgeScanner> logger)
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
            catch (IOException ex)
            {
                KnowledgeLog.FileSkipped(logger, relative, ex.Message);
            }
        }

        return files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads and chunks one file. A file that cannot be read yields no chunks and one log line naming it and why.</summary>
    public IReadOnlyList<KnowledgeChunk> ReadChunks(KnowledgeFile file)
    {
        try
        {
            if (IsCatalogue(file.RelativePath))
            {
                var result = _catalogue.Read(file.FullPath);
                foreach (var problem in result.Skipped)
                {
                    KnowledgeLog.CatalogueEntrySkipped(logger, file.RelativePath, problem);
                }

                return result.UseCases.Select(u => chunker.Chunk(file.RelativePath, u)).ToList();
            }

            var document = _readers[Path.GetExtension(file.RelativePath)].Read(file.FullPath);
            var chunks = chunker.Chunk(file.RelativePath, document);
            if (chunks.Count == 0)
            {
                KnowledgeLog.FileSkipped(logger, file.RelativePath, "no text found");
            }

            return chunks;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            KnowledgeLog.FileSkipped(logger, file.RelativePath, ex.Message);
            return [];
        }
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

    private static bool IsCatalogue(string relative) =>
        relative.StartsWith(CatalogueFolder + "/", StringComparison.OrdinalIgnoreCase);

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
