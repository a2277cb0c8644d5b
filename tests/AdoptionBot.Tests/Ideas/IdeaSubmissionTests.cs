using AdoptionBot.Ideas;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Tests.Ideas;

public sealed class IdeaSubmissionTests
{
    private static readonly IReadOnlyList<string> Units = IdeaSamples.BusinessUnits;

    public static TheoryData<string, int> LimitedFields => new()
    {
        { "title", IdeaSubmission.MaxTitle },
        { "problem", IdeaSubmission.MaxProblem },
        { "solution", IdeaSubmission.MaxSolution },
        { "benefit", IdeaSubmission.MaxBenefit },
    };

    private static readonly string[] Fields =
        ["formId", "title", "problem", "solution", "businessUnit", "benefit", "dataClassification", "personalData"];

    public static TheoryData<string> TamperedValues => new()
    {
        "42", "-1.5e300", "true", "null", "[]", "[1,\"two\",{\"three\":3}]", "{}", "{\"text\":\"nested\",\"deeper\":{\"a\":[null]}}",
        "\"2025-03-14T09:30:00Z\"", "\"\"",
    };

    [Fact]
    public void Validate_CompleteSubmission_NoErrors()
    {
        var submission = IdeaSubmission.From(FormData());

        var errors = submission.Validate(Units);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_EmptySubmission_RequiresTitleProblemBusinessUnitAndClassification()
    {
        var submission = IdeaSubmission.Empty("form-1");

        var errors = submission.Validate(Units);

        Assert.Equal(["businessUnit", "dataClassification", "problem", "title"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("problem")]
    [InlineData("businessUnit")]
    [InlineData("dataClassification")]
    public void Validate_RequiredFieldOnlyWhitespace_ErrorForThatFieldOnly(string field)
    {
        var data = FormData();
        data[field] = "   \n\t ";

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.Equal(field, Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData("solution")]
    [InlineData("benefit")]
    public void Validate_OptionalFieldEmpty_NoErrors(string field)
    {
        var data = FormData();
        data.Remove(field);

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(LimitedFields))]
    public void Validate_FieldAtItsLimit_NoErrors(string field, int limit)
    {
        var data = FormData();
        data[field] = IdeaSamples.Text(limit);

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(LimitedFields))]
    public void Validate_FieldOneOverItsLimit_ErrorNamingTheLimitAndLength(string field, int limit)
    {
        var data = FormData();
        data[field] = IdeaSamples.Text(limit) + "x";

        var errors = IdeaSubmission.From(data).Validate(Units);

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Key);
        Assert.Contains($"{limit:N0}", error.Value, StringComparison.Ordinal);
        Assert.Contains($"{limit + 1:N0}", error.Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LimitedFields))]
    public void Validate_FieldAtItsLimitWithSurroundingSpaces_NoErrors(string field, int limit)
    {
        var data = FormData();
        data[field] = "  " + IdeaSamples.Text(limit) + " \n";

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Marketing")]
    [InlineData("Fin ance")]
    [InlineData("Legal and Compliance")]
    public void Validate_UnknownBusinessUnit_ErrorNamingIt(string unit)
    {
        var data = FormData();
        data["businessUnit"] = unit;

        var errors = IdeaSubmission.From(data).Validate(Units);

        var error = Assert.Single(errors);
        Assert.Equal("businessUnit", error.Key);
        Assert.Contains(unit, error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VeryLongUnknownBusinessUnit_ErrorQuotesItShortened()
    {
        var data = FormData();
        data["businessUnit"] = new string('B', 5000);

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.InRange(errors["businessUnit"].Length, 1, 200);
    }

    [Theory]
    [InlineData("finance")]
    [InlineData("FINANCE")]
    [InlineData("  Human resources ")]
    [InlineData("legal & compliance")]
    public void Validate_BusinessUnitInAnotherCaseOrWithSpaces_Accepted(string unit)
    {
        var data = FormData();
        data["businessUnit"] = unit;

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_NoBusinessUnitsKnown_AnyUnitIsUnknown()
    {
        var errors = IdeaSubmission.From(FormData()).Validate([]);

        Assert.Equal("businessUnit", Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    [InlineData("confidential")]
    [InlineData("strictlyConfidential")]
    [InlineData(" internal ")]
    public void Validate_KnownClassification_Accepted(string classification)
    {
        var data = FormData();
        data["dataClassification"] = classification;

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("strictly confidential")]
    [InlineData("top-secret; DROP TABLE ideas")]
    public void Validate_UnknownClassification_ErrorListingTheChoices(string classification)
    {
        var data = FormData();
        data["dataClassification"] = classification;

        var errors = IdeaSubmission.From(data).Validate(Units);

        var error = Assert.Single(errors);
        Assert.Equal("dataClassification", error.Key);
        Assert.Contains("strictly confidential", error.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"true\"", true)]
    [InlineData("\"True\"", true)]
    [InlineData("true", true)]
    [InlineData("\"false\"", false)]
    [InlineData("false", false)]
    [InlineData("\"\"", false)]
    [InlineData("\"yes\"", false)]
    [InlineData("1", false)]
    [InlineData("null", false)]
    [InlineData("{}", false)]
    public void From_PersonalData_TrueOnlyForTrue(string json, bool expected)
    {
        var data = FormData();
        data["personalData"] = JToken.Parse(json);

        var submission = IdeaSubmission.From(data);

        Assert.Equal(expected, submission.PersonalData);
    }

    [Fact]
    public void From_PersonalDataMissing_False()
    {
        var data = FormData();
        data.Remove("personalData");

        Assert.False(IdeaSubmission.From(data).PersonalData);
    }

    [Fact]
    public void From_FormData_KeepsWhatWasTypedUntrimmed()
    {
        var data = FormData();
        data["title"] = "  Claims intake assistant  ";

        var submission = IdeaSubmission.From(data);

        Assert.Equal("form-1", submission.FormId);
        Assert.Equal("  Claims intake assistant  ", submission.Title);
        Assert.Equal("Finance", submission.BusinessUnit);
        Assert.Equal("confidential", submission.DataClassification);
        Assert.True(submission.PersonalData);
    }

    [Fact]
    public void From_NoData_EmptySubmissionWithoutFormId()
    {
        var submission = IdeaSubmission.From(null);

        Assert.Null(submission.FormId);
        Assert.Equal(IdeaSubmission.Empty(null), submission);
    }

    [Fact]
    public void From_FormIdMissing_NullFormIdAndTheRestRead()
    {
        var data = FormData();
        data.Remove("formId");

        var submission = IdeaSubmission.From(data);

        Assert.Null(submission.FormId);
        Assert.Equal("Claims intake assistant", submission.Title);
        Assert.Empty(submission.Validate(Units));
    }

    [Fact]
    public void From_NumberInATextField_ReadAsItsText()
    {
        var data = FormData();
        data["title"] = 42;

        Assert.Equal("42", IdeaSubmission.From(data).Title);
    }

    [Theory]
    [MemberData(nameof(TamperedValues))]
    public void FromAndValidate_TamperedValueInEveryField_NeverThrows(string json)
    {
        foreach (var field in Fields)
        {
            var data = FormData();
            data[field] = JToken.Parse(json);

            var submission = IdeaSubmission.From(data);
            var errors = submission.Validate(Units);
            var refilled = IdeaCards.Form(submission, Units, errors);

            Assert.NotNull(submission.Title);
            Assert.NotNull(refilled);
        }
    }

    [Theory]
    [MemberData(nameof(TamperedValues))]
    public void FromAndValidate_TamperedValueInAllFieldsAtOnce_NeverThrows(string json)
    {
        var data = new JObject();
        foreach (var field in Fields)
        {
            data[field] = JToken.Parse(json);
        }

        var submission = IdeaSubmission.From(data);
        var errors = submission.Validate(Units);

        Assert.NotEmpty(errors);
        Assert.NotNull(IdeaCards.Form(submission, Units, errors));
    }

    [Theory]
    [InlineData("businessUnit", "[\"Finance\",\"Claims\"]")]
    [InlineData("businessUnit", "{\"value\":\"Finance\"}")]
    [InlineData("businessUnit", "7")]
    [InlineData("dataClassification", "[\"public\"]")]
    [InlineData("dataClassification", "{\"value\":\"public\"}")]
    [InlineData("dataClassification", "0")]
    public void Validate_ChoiceFieldOfAnotherJsonType_NotAccepted(string field, string json)
    {
        var data = FormData();
        data[field] = JToken.Parse(json);

        var errors = IdeaSubmission.From(data).Validate(Units);

        Assert.Equal(field, Assert.Single(errors).Key);
    }

    private static JObject FormData() => new()
    {
        ["verb"] = "idea.submit",
        ["formId"] = "form-1",
        ["title"] = "Claims intake assistant",
        ["problem"] = IdeaSamples.Text(400),
        ["solution"] = "A model reads the scanned report and fills in the claim.",
        ["businessUnit"] = "Finance",
        ["benefit"] = "About 8 minutes saved per claim.",
        ["dataClassification"] = "confidential",
        ["personalData"] = "true",
    };
}
