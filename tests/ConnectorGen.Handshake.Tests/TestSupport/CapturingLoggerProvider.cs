#pragma warning disable CS1591
using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ConnectorGen.Handshake.Tests.TestSupport;

/// <summary>Keeps every log line (and scope) written through it, for canary assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join(Environment.NewLine, _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner._lines.Enqueue(category + " scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(category + " " + logLevel + ": " + formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}
