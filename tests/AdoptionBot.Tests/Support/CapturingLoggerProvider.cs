using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Support;

/// <summary>One log entry as an operator would read it: level, category, message and any exception's text.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, string? Exception)
{
    public string AllText => Exception is null ? Message : Message + "\n" + Exception;
}

/// <summary>A logger for one class under test, keeping every entry (the same entries as <see cref="CapturingLoggerProvider"/>).</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly CapturingLoggerProvider _provider = new();
    private readonly ILogger _logger;

    public CapturingLogger() => _logger = _provider.CreateLogger(typeof(T).FullName ?? typeof(T).Name);

    public IReadOnlyList<CapturedLog> Entries => _provider.Entries;

    public IReadOnlyList<CapturedLog> Warnings => [.. Entries.Where(e => e.Level == LogLevel.Warning)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => _logger.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _logger.Log(logLevel, eventId, state, exception, formatter);
}

/// <summary>A logging provider for the bot's test host that keeps every entry the host's filters let through.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception?.ToString()));
    }
}
