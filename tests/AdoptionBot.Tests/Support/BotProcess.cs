using System.Net;
using System.Net.Sockets;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// The built bot as its own operating-system process (`dotnet AdoptionBot.dll`), configured by environment variables
/// as an operator would, on a free loopback port. <see cref="Kill"/> ends it at once (SIGKILL): no graceful stop, no
/// lease given back, exactly like a crashed or evicted instance.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly ChildProcess _process;
    private readonly string _dataPath;

    private BotProcess(ChildProcess process, string dataPath, Uri baseAddress)
    {
        _process = process;
        _dataPath = dataPath;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the bot with the defaults of <see cref="BotSettings.ForTests"/>, then <paramref name="settings"/> (configuration keys, e.g. "Delivery:LeaseSeconds"), and its own data folder.</summary>
    public static BotProcess Start(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var dataPath = Directory.CreateTempSubdirectory("adoptionbot-instance-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = BotSettings.ForTests(dataPath).With(settings).DataFolder(dataPath).ToEnvironment();
        environment["DOTNET_NOLOGO"] = "1";

        var process = ChildProcess.Start(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "AdoptionBot.dll"), "--urls", baseAddress.ToString().TrimEnd('/')],
            dataPath,
            environment);
        return new BotProcess(process, dataPath, baseAddress);
    }

    /// <summary>Waits until /healthz answers: the store is migrated and the bot takes traffic.</summary>
    public Task WaitUntilReadyAsync() => Healthz.WaitAsync(
        BaseAddress,
        StartTimeout,
        () => $"The bot process (output:\n{Output}\n)",
        () => _process.HasExited ? $"The bot process exited while starting. Output:\n{Output}" : null);

    /// <summary>Ends the process at once, as a crash would.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp folders
        }

        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
