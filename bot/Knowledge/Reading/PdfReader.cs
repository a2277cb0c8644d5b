using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace AdoptionBot.Knowledge.Reading;

/// <summary>
/// Reads PDFs with PdfPig: words are grouped into lines by baseline; a line set in a clearly larger font than the
/// body text is a heading (the largest size is level 1); other lines join into paragraphs split at wider gaps.
/// Within the limits: the file and what its compressed streams decode to (a PDF can be a zip bomb too) fit
/// <see cref="ReadLimits.MaxBytes"/>, nesting is bounded, and the stop is checked page by page.
/// </summary>
public sealed class PdfReader : IDocumentReader
{
    private const double HeadingFontRatio = 1.15;

    /// <summary>Deeper nesting of the PDF's objects than this is refused, well before the stack could overflow.</summary>
    public const int MaxNesting = 64;

    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public ParsedDocument Read(string path, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Default;
        limits.CheckFileSize(path);
        var lines = new List<PdfLine>();
        var filters = new DecodedSizeLimit(limits);
        try
        {
            using var document = PdfDocument.Open(path, new ParsingOptions { FilterProvider = filters, MaxStackDepth = MaxNesting, SkipMissingFonts = true });
            foreach (var page in document.GetPages())
            {
                limits.Stop.ThrowIfCancellationRequested();
                lines.AddRange(ReadLines(page));
                filters.Check();
            }
        }
        catch (Exception ex) when (ex is not (KnowledgeFileTooLargeException or OutOfMemoryException or OperationCanceledException))
        {
            // The parser may have caught the refusal and failed for another reason: the limit still names the cause.
            filters.Check();
            throw new InvalidDataException("Not a readable PDF.", ex);
        }

        if (lines.Count == 0)
        {
            throw new InvalidDataException("the PDF has no extractable text");
        }

        var bodySize = lines.GroupBy(l => Math.Round(l.FontSize)).MaxBy(g => g.Sum(l => l.Text.Length))!.Key;
        var headingSizes = lines.Where(l => l.FontSize >= bodySize * HeadingFontRatio).Select(l => Math.Round(l.FontSize)).Distinct().OrderDescending().ToList();
        var builder = new SectionBuilder();
        var paragraph = new List<string>();
        PdfLine? previous = null;

        void EndParagraph()
        {
            if (paragraph.Count > 0)
            {
                builder.Block(string.Join(' ', paragraph));
                paragraph.Clear();
            }
        }

        foreach (var line in lines)
        {
            var size = Math.Round(line.FontSize);
            if (headingSizes.Contains(size))
            {
                EndParagraph();
                builder.Heading(Math.Min(headingSizes.IndexOf(size) + 1, 6), line.Text);
                previous = null;
                continue;
            }

            var gap = previous is null || previous.Page != line.Page ? 0 : previous.Bottom - line.Top;
            if (previous is not null && gap > line.FontSize * 0.8)
            {
                EndParagraph();
            }

            if (line.Text.StartsWith("• ", StringComparison.Ordinal) || line.Text.StartsWith("- ", StringComparison.Ordinal))
            {
                EndParagraph();
            }

            paragraph.Add(line.Text.TrimStart('•', '-', ' '));
            previous = line;
        }

        EndParagraph();
        return builder.Build();
    }

    private static IEnumerable<PdfLine> ReadLines(Page page)
    {
        return page.GetWords()
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var words = g.OrderBy(w => w.BoundingBox.Left).ToList();
                var size = words.SelectMany(w => w.Letters).Select(l => l.PointSize).DefaultIfEmpty(0).Average();
                return new PdfLine(page.Number, string.Join(' ', words.Select(w => w.Text)), size, words.Max(w => w.BoundingBox.Top), g.Key);
            });
    }

    /// <summary>
    /// PdfPig's own filters, counting what they decode: past the limit the stream that crossed it is refused. A single
    /// stream is decoded whole before it is counted, so one stream can still take memory up to its decoded size.
    /// </summary>
    private sealed class DecodedSizeLimit(ReadLimits limits) : IFilterProvider
    {
        private long _decoded;

        public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(DefaultFilterProvider.Instance.GetFilters(dictionary));

        public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(DefaultFilterProvider.Instance.GetNamedFilters(names));

        public IReadOnlyList<IFilter> GetAllFilters() => Wrap(DefaultFilterProvider.Instance.GetAllFilters());

        public CancellationToken Stop => limits.Stop;

        public void Check() => limits.CheckSize(Interlocked.Read(ref _decoded));

        private void Add(long bytes)
        {
            Interlocked.Add(ref _decoded, bytes);
            Check();
        }

        private CountingFilter[] Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => new CountingFilter(f, this))];

        private sealed class CountingFilter(IFilter inner, DecodedSizeLimit owner) : IFilter
        {
            public bool IsSupported => inner.IsSupported;

            public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
            {
                owner.Stop.ThrowIfCancellationRequested();
                var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
                owner.Add(output.Length);
                return output;
            }
        }
    }

    private sealed record PdfLine(int Page, string Text, double FontSize, double Top, double Bottom);
}
