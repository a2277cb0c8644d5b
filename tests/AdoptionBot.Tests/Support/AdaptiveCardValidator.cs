using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AdoptionBot.Tests.EndToEnd;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// Validates Adaptive Cards as Teams receives them: the official renderer (adaptivecards 3.0.6, through
/// tests/e2e/validate-cards.mjs) parses each card for version 1.5 and validates it, and the card's UTF-8 size must stay
/// under 28 KB. One long-lived node process serves every caller; requests take turns on its stdin and stdout.
/// </summary>
/// <remarks>
/// Each error starts with where it comes from: <c>[parse]</c> and <c>[validation]</c> are the renderer's own events,
/// <c>[strict]</c> the schema checks the renderer skips (unknown properties, wrong JSON types, missing required
/// properties), <c>[size]</c> the size limit and <c>[input]</c> text that is not a JSON object.
/// </remarks>
public sealed class AdaptiveCardValidator : IDisposable
{
    /// <summary>Teams rejects messages over 28 KB, so a card must stay below that on its own.</summary>
    public const int MaxCardBytes = 28 * 1024;

    private const string ScriptName = "validate-cards.mjs";
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonWriterOptions SingleLine = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentQueue<string> _stderr = new();
    private Process? _node;
    private bool _disposed;

    /// <summary>The validator all tests share, so the test run starts node once.</summary>
    public static AdaptiveCardValidator Shared { get; } = CreateShared();

    /// <summary>The problems found in one card, each naming what is wrong; empty when Teams can show the card.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string cardJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cardJson);
        var errors = new List<string>();

        var size = Utf8NoBom.GetByteCount(cardJson);
        if (size >= MaxCardBytes)
        {
            errors.Add($"[size] TooLarge: the card is {size:N0} bytes of UTF-8; Teams cards must stay under 28 KB ({MaxCardBytes:N0} bytes).");
        }

        string line;
        try
        {
            line = ToSingleLine(cardJson);
        }
        catch (JsonException ex)
        {
            errors.Add($"[input] InvalidJson: {ex.Message}");
            return errors;
        }

        errors.AddRange(await ValidateLineAsync(line, cancellationToken));
        return errors;
    }

    /// <summary>Fails the test with every problem of the card listed, or returns when it is valid.</summary>
    public async Task AssertValidAsync(string cardJson, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(cardJson, cancellationToken);
        if (errors.Count > 0)
        {
            Assert.Fail(
                $"The Adaptive Card is not valid for Teams ({errors.Count} problem(s)):\n  - {string.Join("\n  - ", errors)}\n" +
                $"Card:\n{Abbreviate(cardJson, 4000)}");
        }
    }

    public void Dispose()
    {
        // At process exit a caller may still hold the gate; stopping node under it only ends that caller's read.
        var entered = _gate.Wait(TimeSpan.FromSeconds(5));
        try
        {
            _disposed = true;
            StopNode();
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    private static AdaptiveCardValidator CreateShared()
    {
        var validator = new AdaptiveCardValidator();
        // node also exits on its own when the test host goes and its stdin closes; this is for a clean exit.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => validator.Dispose();
        return validator;
    }

    private async Task<IReadOnlyList<string>> ValidateLineAsync(string line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var node = _node is { HasExited: false } ? _node : await StartNodeAsync(cancellationToken);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResponseTimeout);
            string? response;
            try
            {
                await node.StandardInput.WriteLineAsync(line.AsMemory(), timeout.Token);
                await node.StandardInput.FlushAsync(timeout.Token);
                response = await node.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                StopNode(); // a request without its answer leaves the protocol out of step: start afresh next time
                if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{ScriptName} did not answer within {ResponseTimeout}.{StandardErrorText()}", ex);
                }

                throw;
            }

            if (response is null)
            {
                var stderr = StandardErrorText();
                StopNode();
                throw new InvalidOperationException($"{ScriptName} ended without answering.{stderr}");
            }

            return ReadErrors(response);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Process> StartNodeAsync(CancellationToken cancellationToken)
    {
        StopNode();
        _stderr.Clear();
        var packageFolder = TestPaths.EndToEndPackage;
        await NodePackages.EnsureInstalledAsync(packageFolder, cancellationToken);

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = packageFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ScriptName);
        startInfo.ArgumentList.Add("--lines");

        var node = new Process { StartInfo = startInfo };
        node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        try
        {
            if (!node.Start())
            {
                throw new InvalidOperationException($"Could not start node {ScriptName} in {packageFolder}.");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            node.Dispose();
            throw new InvalidOperationException($"Could not start node for {ScriptName}: is Node.js installed and on PATH?", ex);
        }

        node.BeginErrorReadLine();
        _node = node;
        return node;
    }

    private void StopNode()
    {
        if (_node is null)
        {
            return;
        }

        try
        {
            _node.StandardInput.Close(); // the script ends when its input does
            if (!_node.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _node.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // Already gone.
        }
        finally
        {
            _node.Dispose();
            _node = null;
        }
    }

    private string StandardErrorText()
    {
        var lines = _stderr.ToArray();
        return lines.Length == 0 ? "" : $" Its error output:\n{string.Join('\n', lines)}";
    }

    private static IReadOnlyList<string> ReadErrors(string response)
    {
        using var document = JsonDocument.Parse(response);
        if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException($"{ScriptName} answered without an errors array: {Abbreviate(response, 500)}");
        }

        return [.. errors.EnumerateArray().Select(e => e.GetString() ?? "")];
    }

    // The script reads one card per line; re-writing the JSON compactly escapes every line break inside it.
    private static string ToSingleLine(string cardJson)
    {
        using var document = JsonDocument.Parse(cardJson);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, SingleLine))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Abbreviate(string text, int maxLength) =>
        text.Length <= maxLength ? text : $"{text[..maxLength]}... ({text.Length:N0} characters in all)";
}
