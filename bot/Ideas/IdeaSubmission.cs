using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas;

/// <summary>
/// The fields of the idea form as they came back from the client, kept as typed so the form can be shown again with
/// exactly what the user entered. Values of the wrong JSON type are read as text, never thrown on.
/// </summary>
public sealed record IdeaSubmission(
    string? FormId,
    string Title,
    string Problem,
    string Solution,
    string BusinessUnit,
    string Benefit,
    string DataClassification,
    bool PersonalData)
{
    public const int MaxTitle = 120;
    public const int MaxProblem = 2000;
    public const int MaxSolution = 2000;
    public const int MaxBenefit = 500;

    public static readonly IReadOnlyList<(string Value, string Title)> Classifications =
    [
        ("public", "Public"),
        ("internal", "Internal"),
        ("confidential", "Confidential"),
        ("strictlyConfidential", "Strictly confidential"),
    ];

    public static IdeaSubmission Empty(string? formId, string problem = "", string businessUnit = "") =>
        new(formId, "", problem, "", businessUnit, "", "", false);

    public static IdeaSubmission From(JObject? data) => new(
        Text(data, "formId"),
        Text(data, "title") ?? "",
        Text(data, "problem") ?? "",
        Text(data, "solution") ?? "",
        Text(data, "businessUnit") ?? "",
        Text(data, "benefit") ?? "",
        Text(data, "dataClassification") ?? "",
        string.Equals(Text(data, "personalData"), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Problems by input id; empty when the submission can be stored.</summary>
    public IReadOnlyDictionary<string, string> Validate(IReadOnlyCollection<string> businessUnits)
    {
        var errors = new Dictionary<string, string>();
        Require(errors, "title", Title, MaxTitle, "Give the idea a short title.");
        Require(errors, "problem", Problem, MaxProblem, "Describe the problem the idea solves.");
        Limit(errors, "solution", Solution, MaxSolution);
        Limit(errors, "benefit", Benefit, MaxBenefit);
        if (string.IsNullOrWhiteSpace(BusinessUnit))
        {
            errors["businessUnit"] = "Choose the business unit the idea is for.";
        }
        else if (!businessUnits.Contains(BusinessUnit.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors["businessUnit"] = $"'{CardText.Plain(Shorten(BusinessUnit))}' is not one of the business units; choose one from the list.";
        }

        if (string.IsNullOrWhiteSpace(DataClassification))
        {
            errors["dataClassification"] = "Choose the classification of the data the idea would use.";
        }
        else if (!Classifications.Any(c => c.Value == DataClassification.Trim()))
        {
            errors["dataClassification"] = $"'{Shorten(DataClassification)}' is not a data classification; choose public, internal, confidential or strictly confidential.";
        }

        return errors;
    }

    private static void Require(Dictionary<string, string> errors, string field, string value, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = missing;
        }
        else
        {
            Limit(errors, field, value, max);
        }
    }

    private static void Limit(Dictionary<string, string> errors, string field, string value, int max)
    {
        if (value.Trim().Length > max)
        {
            errors[field] = $"At most {max:N0} characters, please (now {value.Trim().Length:N0}).";
        }
    }

    private static string Shorten(string value) => TextCut.Excerpt(value, 41);

    private static string? Text(JObject? data, string name)
    {
        var token = data?[name];
        return token?.Type switch
        {
            null or JTokenType.Null or JTokenType.Undefined => null,
            JTokenType.String => token.Value<string>(),
            JTokenType.Object or JTokenType.Array => token.ToString(Newtonsoft.Json.Formatting.None),
            _ => token.ToString(),
        };
    }
}
