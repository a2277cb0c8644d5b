using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Knowledge.TestSupport;

/// <summary>One formatted log line.</summary>
public sealed record LogEntry(LogLevel Level, string Message);

/// <summary>Keeps every log line written, so tests can check what an operator would read.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IReadOnlyList<LogEntry> Warnings => [.. _entries.Where(e => e.Level == LogLevel.Warning)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception)));
}
