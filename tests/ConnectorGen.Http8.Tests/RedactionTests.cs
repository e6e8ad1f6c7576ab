using System.Collections.Concurrent;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorGen.Http8.Tests;

/// <summary>
/// Review 2026-12-03 M5 on Microsoft.Extensions.Http 8.x: <c>Add&lt;C&gt;AccessToken</c> adds the Authorization header to
/// the factory's redaction policy instead of replacing it (8.x's <c>RedactLoggedHeaders</c> replaces), whether the
/// application sets its own policy before or after.
/// </summary>
public sealed class RedactionTests
{
    private const string User = "user-1";
    private const string Token = "CANARY-http8-bearer-81";
    private const string ApiKey = "CANARY-http8-apikey-82";

    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    public async Task The_applications_redaction_policy_and_the_Authorization_header_are_both_redacted(string order)
    {
        Assert.Equal(8, typeof(IHttpClientFactory).Assembly.GetName().Version!.Major);
        await using var server = new LoopbackServer(_ => (200, "{}"));
        var logs = new Lines();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var builder = services.AddHttpClient("keap-api");
        if (order == "before")
        {
            builder.RedactLoggedHeaders(["X-Api-Key"]);
        }

        builder.AddInfusionsoftAccessToken(User, [server.BaseUri]);
        if (order == "after")
        {
            builder.RedactLoggedHeaders(["X-Api-Key"]);
        }

        services.AddSingleton(_ => new InfusionsoftAccessTokenManager((_, _) => throw new InvalidOperationException("no refresh expected")));
        await using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        await provider.GetRequiredService<InfusionsoftAccessTokenManager>().SaveGrantAsync(User, new TokenResult(Token, "RT", false, "Bearer", null, now, now.AddHours(1)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "v1/contacts"));
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("keap-api").SendAsync(request);

        var text = logs.Text;
        Assert.Contains("X-Api-Key", text, StringComparison.Ordinal);
        Assert.Contains("Authorization", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
    }

    private sealed class Lines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join(Environment.NewLine, _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Lines owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue(category + ": " + formatter(state, exception));
        }
    }
}
