using System.Diagnostics;
using System.Globalization;
using AdoptionBot.Core;

namespace AdoptionBot.Storage;

/// <summary>
/// Names of lease holders (outbox rows, <see cref="StoreLeases"/>): "machine:process id:guid", so that a process
/// starting after a crash can tell the leases of its own machine's ended processes from those of live holders.
/// </summary>
public static class LeaseOwners
{
    /// <summary>"machine:", how every owner name handed out on this machine begins (the name cut to 50 characters).</summary>
    public static readonly string MachinePrefix = TextCut.Cut(Environment.MachineName, 50) + ":";

    /// <summary>A new owner name for one holder in this process.</summary>
    public static string New() => $"{MachinePrefix}{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>True when <paramref name="owner"/> was handed out on this machine by a process that is no longer running.</summary>
    public static bool IsOfEndedProcessOnThisMachine(string owner)
    {
        if (!owner.StartsWith(MachinePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = owner[MachinePrefix.Length..];
        var end = rest.IndexOf(':', StringComparison.Ordinal);
        if (!int.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || processId == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id: it ended
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
