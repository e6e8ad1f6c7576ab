#pragma warning disable CS1591
using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ConnectorGen.Handshake.Tests.Security;

/// <summary>
/// Review 2026-12-03 M5 on Microsoft.Extensions.Http 10: <c>Add&lt;C&gt;AccessToken</c> adds the Authorization header to
/// the factory's redaction policy instead of replacing it, whether the application sets its own policy before or
/// after, and keeps 10.x's default (every header value redacted) when it sets none.
/// </summary>
public sealed class RedactionTests
{
    private const string User = "user-1";
    private const string Token = "CANARY-redaction-bearer-71";
    private const string ApiKey = "CANARY-redaction-apikey-72";

    public static async Task<string> TraceOfOneCallAsync(Uri server, Action<IHttpClientBuilder>? before, Action<IHttpClientBuilder>? after)
    {
        var logs = new Lines();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var builder = services.AddHttpClient("keap-api");
        before?.Invoke(builder);
        builder.AddInfusionsoftAccessToken(User, [server]);
        after?.Invoke(builder);
        services.AddSingleton(_ => new InfusionsoftAccessTokenManager((_, _) => throw new InvalidOperationException("no refresh expected")));
        await using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        await provider.GetRequiredService<InfusionsoftAccessTokenManager>().SaveGrantAsync(User, new TokenResult(Token, "RT", false, "Bearer", null, now, now.AddHours(1)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/v1/contacts"));
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("keap-api").SendAsync(request);
        return logs.Text;
    }

    private static async Task<string> RunAsync(Action<IHttpClientBuilder>? before, Action<IHttpClientBuilder>? after)
    {
        await using var server = new HostileServer(_ => HostileServer.Response(200, "OK", "{}"));
        return await TraceOfOneCallAsync(server.Loopback("/"), before, after);
    }

    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    public async Task The_applications_redaction_policy_and_the_Authorization_header_are_both_redacted(string order)
    {
        Action<IHttpClientBuilder> policy = b => b.RedactLoggedHeaders(["X-Api-Key"]);
        var text = await RunAsync(order == "before" ? policy : null, order == "after" ? policy : null);

        Assert.Contains("X-Api-Key", text, StringComparison.Ordinal);
        Assert.Contains("Authorization", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_application_policy_the_default_of_version_10_still_redacts_every_header()
    {
        Assert.True(typeof(IHttpClientFactory).Assembly.GetName().Version!.Major >= 9);
        var text = await RunAsync(null, null);

        Assert.Contains("X-Api-Key", text, StringComparison.Ordinal);
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
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue(category + ": " + formatter(state, exception));
        }
    }
}
