using System.ComponentModel.DataAnnotations;
using AdoptionBot.Digest;

namespace AdoptionBot.Tests.Digest;

public sealed class DigestOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        Assert.Empty(Errors(new DigestOptions()));
    }

    [Fact]
    public void Validate_UnknownTimeZoneAndBadCron_NamesBothKeys()
    {
        var errors = Errors(new DigestOptions { TimeZone = "Mars/Olympus_Mons", Schedule = "every monday" });

        Assert.Contains(errors, e => e.Contains("Digest:TimeZone", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Digest:Schedule", StringComparison.Ordinal));
    }

    private static List<string> Errors(DigestOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }
}
