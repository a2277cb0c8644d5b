namespace AdoptionBot.Storage;

/// <summary>A named lease: work that one instance of several does at a time (table "leases").</summary>
public sealed class StoreLease
{
    public required string Name { get; set; }

    /// <summary>The instance holding it (see <see cref="LeaseOwners"/>).</summary>
    public required string Owner { get; set; }

    /// <summary>After this, any instance may take it over: a crashed holder stops renewing.</summary>
    public DateTime ExpiresAtUtc { get; set; }
}
