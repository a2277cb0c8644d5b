using AdoptionBot.Storage;

namespace AdoptionBot.Ideas;

/// <summary>A use-case idea an employee submitted, and where it stands in the pipeline.</summary>
public sealed class Idea : INumberedInCommitOrder
{
    /// <summary>Sequential and never reused (an identity column); shown as IDEA-0001.</summary>
    public int Id { get; set; }

    /// <summary>The one-time token of the form it was submitted with: one form, one idea.</summary>
    public required string FormId { get; set; }

    public required string Title { get; set; }

    public required string Problem { get; set; }

    public string? Solution { get; set; }

    public required string BusinessUnit { get; set; }

    public string? Benefit { get; set; }

    public required string DataClassification { get; set; }

    public bool PersonalData { get; set; }

    public required string Status { get; set; }

    public string? SubmitterObjectId { get; set; }

    public required string SubmitterName { get; set; }

    /// <summary>The submitter's user id in the channel (Teams 29:...), for messages to them.</summary>
    public string? SubmitterChannelId { get; set; }

    /// <summary>The Microsoft 365 tenant it was submitted in: its status updates go only to that tenant's channels.</summary>
    public string? TenantId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: incremented by every change; a stale update fails instead of overwriting.</summary>
    public int Version { get; set; }

    public List<IdeaStatusChange> History { get; set; } = [];

    public string DisplayId => FormatId(Id);

    public static string FormatId(int id) => $"IDEA-{id:D4}";

    /// <summary>Parses "IDEA-0001", "idea-1" or "1".</summary>
    public static bool TryParseId(string? text, out int id)
    {
        id = 0;
        var value = text?.Trim() ?? "";
        if (value.StartsWith("IDEA-", StringComparison.OrdinalIgnoreCase))
        {
            value = value[5..];
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
    }
}

/// <summary>One move of an idea: who, when, from, to, and why.</summary>
public sealed class IdeaStatusChange
{
    public long Id { get; set; }

    public int IdeaId { get; set; }

    /// <summary>Null for the submission itself.</summary>
    public string? FromStatus { get; set; }

    public required string ToStatus { get; set; }

    public string? Comment { get; set; }

    public string? ChangedByObjectId { get; set; }

    public required string ChangedByName { get; set; }

    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>A form the bot sent; its id comes back with the submission.</summary>
public sealed class IdeaForm
{
    public required string FormId { get; set; }

    public string? IssuedToObjectId { get; set; }

    public DateTime IssuedAtUtc { get; set; }
}
