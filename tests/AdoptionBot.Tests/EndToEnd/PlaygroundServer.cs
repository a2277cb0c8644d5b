using System.Text.RegularExpressions;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.EndToEnd;

/// <summary>
/// The Microsoft 365 Agents Playground (tests/e2e/node_modules) run with node as a Teams client of the bot, on a port
/// the OS picks. No browser is opened and no telemetry is sent.
/// </summary>
internal sealed partial class PlaygroundServer : IDisposable
{
    private readonly ChildProcess _process;

    private PlaygroundServer(ChildProcess process, Uri baseAddress, string logFile)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogFile = logFile;
    }

    /// <summary>The playground's web UI and API, e.g. http://127.0.0.1:40111/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The playground's own log (its console output and the activities it exchanged).</summary>
    public string LogFile { get; }

    public int ProcessId => _process.Id;

    public string Output => _process.Output;

    public static async Task<PlaygroundServer> StartAsync(string packageFolder, Uri botEndpoint, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var logFile = Path.Combine(workingDirectory, "playground.log");
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var environment = new Dictionary<string, string>
        {
            ["TEAMSAPPTESTER_BROWSER"] = "none",
            ["M365_AGENTS_PLAYGROUND_LOGFILE"] = logFile,
        };
        string[] arguments =
        [
            NodePackages.PlaygroundCli(packageFolder), "start",
            "--app-endpoint", botEndpoint.ToString(),
            "--channel-id", "msteams",
            "--port", "0",
            "--disable-telemetry",
        ];
        var process = ChildProcess.Start("node", arguments, workingDirectory, environment, line =>
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        });

        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            while (!port.Task.IsCompleted)
            {
                cts.Token.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The playground exited at start-up. Output:\n{process.Output}");
                }

                await Task.WhenAny(port.Task, Task.Delay(200, cts.Token));
            }

            var baseAddress = new Uri($"http://127.0.0.1:{await port.Task}/");
            await WaitForPingAsync(baseAddress, cts.Token);
            return new PlaygroundServer(process, baseAddress, logFile);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Dispose();
            throw new TimeoutException($"The playground did not start within {timeout}. Output:\n{process.Output}");
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => _process.Dispose();

    private static async Task WaitForPingAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("_debug/ping", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    [GeneratedRegex(@"^Listening on (\d+)\s*$")]
    private static partial Regex ListeningLine();
}
