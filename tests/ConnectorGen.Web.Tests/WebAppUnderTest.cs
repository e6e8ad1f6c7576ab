using System.Collections.Concurrent;
using Contoso.InfusionsoftWeb;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorGen.Web.Tests;

/// <summary>
/// The web sample's app, built with <see cref="InfusionsoftWebApp.BuildAppAsync"/> and started on Kestrel at a free
/// 127.0.0.1 port, in demo mode (its own loopback stand-ins), with canary secrets and every log line captured.
/// </summary>
public sealed class WebAppUnderTest : IAsyncDisposable
{
    // Canaries: none may ever appear in a page, a redirect the test sees, or a log line.
    public const string ClientId = "web-test-client-id";
    public const string ClientSecret = "CANARY-web-client-secret-4d1";
    public const string EncryptedKey = "c0ffee00c0ffee00c0ffee004d1a2b3c";
    public const string UserSecret = "CANARY-web-oc-user-secret-9a7";
    public const string OrganizationSecret = "CANARY-web-oc-org-secret-2f6";

    public static readonly string[] StaticSecrets = [ClientSecret, EncryptedKey, UserSecret, OrganizationSecret];

    private readonly WebApplication _app;

    private WebAppUnderTest(WebApplication app, LogSink logs)
    {
        _app = app;
        Logs = logs;
        StandIns = app.Services.GetRequiredService<DemoStandIns>();
        BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    public Uri BaseUrl { get; }

    public DemoStandIns StandIns { get; }

    public LogSink Logs { get; }

    public static async Task<WebAppUnderTest> StartAsync()
    {
        var logs = new LogSink();
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--Infusionsoft:ClientId", ClientId,
            "--Infusionsoft:ClientSecret", ClientSecret,
            "--Infusionsoft:EncryptedKey", EncryptedKey,
            "--Infusionsoft:OpenConnectors:UserSecret", UserSecret,
            "--Infusionsoft:OpenConnectors:OrganizationSecret", OrganizationSecret,
        ];
        var app = await InfusionsoftWebApp.BuildAppAsync(args, builder =>
        {
            // Everything at Trace (overriding appsettings), so that a log line carrying a secret, the code or the state
            // anywhere in the stack is seen; the app's own guard for request logs must still hold.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:System"] = "Trace",
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        try
        {
            await app.StartAsync();
            return new WebAppUnderTest(app, logs);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line (with its exception) of the app.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public string Text => string.Join("\n", _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
    }
}
