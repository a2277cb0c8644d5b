using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace AdoptionBot.Knowledge.Reading;

/// <summary>
/// Reads the use-case catalogue: CSV files with a header row, and Markdown files whose YAML front matter
/// carries the same fields. Column names are matched case-insensitively, with spaces or hyphens read as underscores,
/// and the names a spreadsheet export commonly gives the six known fields ("Ref", "Name", "Description", "Division",
/// "Phase", "Lead", …) are read as those fields when the file does not use the field's own name. Stages are read in
/// their common spellings too ("Proof of Concept", "Live", "On hold").
/// </summary>
public sealed class UseCaseCatalogueReader
{
    private static readonly string[] KnownFields = ["id", "title", "summary", "business_unit", "stage", "owner"];

    // Other names of the known fields, most specific first; the field's own name always wins.
    private static readonly Dictionary<string, string[]> FieldAliases = new(StringComparer.Ordinal)
    {
        ["id"] = ["use_case_id", "uc_id", "ref", "ref_no", "reference", "identifier", "key", "code", "no", "number"],
        ["title"] = ["use_case_name", "use_case_title", "use_case", "name", "project_name", "project", "initiative"],
        ["summary"] = ["short_description", "description", "abstract", "overview", "synopsis", "what_it_does"],
        ["business_unit"] = ["business_area", "division", "department", "unit", "bu", "area", "function", "line_of_business", "segment"],
        ["stage"] = ["phase", "status", "lifecycle_stage", "maturity", "state", "gate"],
        ["owner"] = ["business_owner", "use_case_owner", "product_owner", "owned_by", "lead", "responsible", "accountable", "sponsor"],
    };
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    /// <param name="limits">Null: <see cref="ReadLimits.Default"/>.</param>
    public CatalogueReadResult Read(string path, ReadLimits? limits = null) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(TextCleaner.ReadText(path, limits), (limits ?? ReadLimits.Default).Stop),
            ".md" or ".markdown" => ReadMarkdown(TextCleaner.ReadText(path, limits), (limits ?? ReadLimits.Default).Stop),
            var other => throw new InvalidDataException($"catalogue files must be .csv or .md, not {other}"),
        };

    public static CatalogueReadResult ReadCsv(string text, CancellationToken stop = default)
    {
        var useCases = new List<UseCase>();
        var skipped = new List<string>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => NormalizeField(args.Header),
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new InvalidDataException("the CSV file has no header row");
        }

        var header = CanonicalNames(csv.HeaderRecord.Select(NormalizeField).ToArray());
        if (!header.Contains("id") || !header.Contains("title"))
        {
            throw new InvalidDataException("the CSV header must have at least the columns id and title (or names such as Ref and Name)");
        }

        while (csv.Read())
        {
            stop.ThrowIfCancellationRequested();
            var fields = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < header.Length; i++)
            {
                fields.Add(new(header[i], csv.TryGetField<string>(i, out var value) ? value?.Trim() ?? "" : ""));
            }

            var row = csv.Parser.Row;
            var useCase = FromFields(fields, body: null, out var problem);
            if (useCase is null)
            {
                skipped.Add($"row {row}: {problem}");
            }
            else
            {
                useCases.Add(useCase);
            }
        }

        return new CatalogueReadResult(useCases, skipped);
    }

    public static CatalogueReadResult ReadMarkdown(string text, CancellationToken stop = default)
    {
        var (frontMatter, body) = MarkdownReader.SplitFrontMatter(text);
        if (frontMatter is null)
        {
            throw new InvalidDataException("a use-case Markdown file needs YAML front matter between --- lines");
        }

        Dictionary<object, object?>? map;
        try
        {
            map = Yaml.Deserialize<Dictionary<object, object?>>(frontMatter);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException("the front matter is not valid YAML", ex);
        }

        var entries = (map ?? []).ToList();
        var names = CanonicalNames(entries.Select(kv => NormalizeField(kv.Key.ToString() ?? "")).ToArray());
        var fields = entries.Select((kv, i) => new KeyValuePair<string, string>(names[i], FieldText(kv.Value))).ToList();
        var bodyText = string.Join(' ', MarkdownReader.Parse(body, stop).Sections.SelectMany(s => s.Blocks));
        var useCase = FromFields(fields, bodyText.Length == 0 ? null : bodyText, out var problem);
        return useCase is null
            ? new CatalogueReadResult([], [problem!])
            : new CatalogueReadResult([useCase], []);
    }

    private static UseCase? FromFields(List<KeyValuePair<string, string>> fields, string? body, out string? problem)
    {
        string Get(string name) => fields.FirstOrDefault(f => f.Key == name).Value ?? "";

        var id = Get("id");
        var title = Get("title");
        problem = id.Length == 0 ? "missing id" : title.Length == 0 ? $"{id} has no title" : null;
        if (problem is not null)
        {
            return null;
        }

        var facts = fields.Where(f => !KnownFields.Contains(f.Key) && f.Value.Length > 0).ToList();
        var stage = Get("stage");
        return new UseCase(id, title, Get("summary"), Get("business_unit"), Core.PipelineStages.FromText(stage) ?? stage.ToLowerInvariant(), Get("owner"), facts, body);
    }

    private static string FieldText(object? value) => value switch
    {
        null => "",
        IEnumerable<object> list when value is not string => string.Join(", ", list.Select(v => v?.ToString())),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static string NormalizeField(string name) => name.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>The header with each known field's first alias renamed to the field, unless the field's own name is there.</summary>
    private static string[] CanonicalNames(string[] header)
    {
        var names = (string[])header.Clone();
        foreach (var (field, aliases) in FieldAliases)
        {
            if (names.Contains(field))
            {
                continue;
            }

            var at = aliases.Select(alias => Array.IndexOf(names, alias)).FirstOrDefault(i => i >= 0, -1);
            if (at >= 0)
            {
                names[at] = field;
            }
        }

        return names;
    }
}
