namespace AdoptionBot.Core;

/// <summary>
/// Who may see what another tenant's people wrote: nobody. A record of no tenant (a knowledge file, or a row stored
/// before tenants were kept) is everyone's; any other only its own tenant's (ids compared without regard to case).
/// </summary>
public static class TenantScope
{
    public static bool Sees(string? readerTenant, string? ownerTenant) =>
        ownerTenant is null || string.Equals(ownerTenant, readerTenant, StringComparison.OrdinalIgnoreCase);
}
