using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class StoreLeaseConfiguration : IEntityTypeConfiguration<StoreLease>
{
    public void Configure(EntityTypeBuilder<StoreLease> entity)
    {
        entity.ToTable("leases");
        entity.HasKey(l => l.Name);
        entity.Property(l => l.Name).HasMaxLength(100);
        entity.Property(l => l.Owner).HasMaxLength(200);
    }
}
