using ConnectorGen.Generated;
using Contoso.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace ConnectorGen.Http8.Tests;

/// <summary>
/// Defects 4 and 5 of the 2026-12-02 security review (issue 10), on Microsoft.Extensions.Http 8.x over loopback: the
/// generated AddInfusionsoftConnector must keep secrets out of IHttpClientFactory's default logs, and a resilience
/// handler added to every client must not replay the single-use token and instance POSTs.
/// </summary>
public sealed class FactoryHardeningTests
{
    private const string ClientSecret = "CANARY-http8-client-secret-61";
    private const string UserSecret = "CANARY-http8-user-secret-62";
    private const string OrganizationSecret = "CANARY-http8-org-secret-63";
    private const string Code = "CANARY-http8-code-64";
    private static readonly string[] Secrets = [ClientSecret, UserSecret, OrganizationSecret, Code];

    private static IConfigurationSection Section(Uri server) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Infusionsoft:EncryptedKey"] = "0123456789abcdef0123456789abcdef",
        ["Infusionsoft:ClientId"] = "client-http8",
        ["Infusionsoft:ClientSecret"] = ClientSecret,
        ["Infusionsoft:CallbackUrl"] = "https://app.contoso.com/callback",
        ["Infusionsoft:OAuth:AuthorizationEndpoint"] = new Uri(server, "app/oauth/authorize").AbsoluteUri,
        ["Infusionsoft:OAuth:TokenEndpoint"] = new Uri(server, "token").AbsoluteUri,
        ["Infusionsoft:OpenConnectors:BaseUrl"] = new Uri(server, "elements/api-v2").AbsoluteUri,
        ["Infusionsoft:OpenConnectors:UserSecret"] = UserSecret,
        ["Infusionsoft:OpenConnectors:OrganizationSecret"] = OrganizationSecret,
    }).Build().GetSection("Infusionsoft");

    private static HandshakeErrorKind Kind(string name) => Enum.Parse<HandshakeErrorKind>(name);

    [Fact]
    public void The_factory_under_test_is_microsoft_extensions_http_8() =>
        Assert.Equal(8, typeof(IHttpClientFactory).Assembly.GetName().Version!.Major);

    // Defect 4: DI kept IHttpClientFactory's default logging; on 8.x it logs full URLs (the apiSecret query of
    // oauth/url) and, at Trace, the "User .., Organization .." header.
    [Fact]
    public async Task Factory_logging__no_secret_in_any_log_line_at_trace_on_microsoft_extensions_http_8()
    {
        await using var server = new LoopbackServer(_ => (404, "{\"message\":\"no such element\",\"requestId\":\"r-1\"}"));
        var sink = new ListLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        await using var provider = services.AddInfusionsoftConnector(Section(server.BaseUri)).BuildServiceProvider();

        var managed = provider.GetRequiredService<InfusionsoftOpenConnectorsClient>();
        await Assert.ThrowsAsync<OpenConnectorsException>(() => managed.FetchAuthorizationRequestAsync());
        await Assert.ThrowsAsync<OpenConnectorsException>(() => managed.CreateInstanceAsync(Code, "x"));
        var direct = provider.GetRequiredService<InfusionsoftOAuthClient>();
        await Assert.ThrowsAsync<OAuthException>(() => direct.ExchangeCodeAsync(new AuthorizationCode(Code, null, "https://app.contoso.com/callback")));

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains(server.Requests, r => r.Contains("apiSecret=" + ClientSecret, StringComparison.Ordinal)); // the secret was there to leak
        Assert.NotEmpty(sink.Lines);
        foreach (var line in sink.Lines)
        {
            foreach (var secret in Secrets)
            {
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }

    // Defect 5: ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler()) retried the token and instance POSTs,
    // replaying single-use codes and rotating refresh tokens.
    [Fact]
    public async Task Replay_guard__a_standard_resilience_handler_on_every_client_cannot_replay_the_single_use_posts()
    {
        await using var server = new LoopbackServer(_ => (503, "{\"message\":\"busy\"}"));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.FromMilliseconds(10);
            o.Retry.BackoffType = DelayBackoffType.Constant;
            o.Retry.UseJitter = false;
        }));
        await using var provider = services.AddInfusionsoftConnector(Section(server.BaseUri)).BuildServiceProvider();

        var direct = provider.GetRequiredService<InfusionsoftOAuthClient>();
        var exchange = await Assert.ThrowsAsync<OAuthException>(() => direct.ExchangeCodeAsync(new AuthorizationCode(Code, null, "https://app.contoso.com/callback")));
        Assert.Equal(Kind("ReplayRefused"), exchange.Kind);
        Assert.Single(server.Requests, r => r.StartsWith("POST /token ", StringComparison.Ordinal));

        var refresh = await Assert.ThrowsAsync<OAuthException>(() => direct.RefreshAsync("CANARY-http8-refresh-65"));
        Assert.Equal(Kind("ReplayRefused"), refresh.Kind);
        Assert.Equal(2, server.Requests.Count(r => r.StartsWith("POST /token ", StringComparison.Ordinal)));

        var managed = provider.GetRequiredService<InfusionsoftOpenConnectorsClient>();
        var create = await Assert.ThrowsAsync<OpenConnectorsException>(() => managed.CreateInstanceAsync(Code, "x"));
        Assert.Equal(Kind("ReplayRefused"), create.Kind);
        Assert.Single(server.Requests, r => r.StartsWith("POST /elements/api-v2/instances ", StringComparison.Ordinal));
        foreach (var text in new[] { exchange.ToString(), refresh.ToString(), create.ToString() })
        {
            Assert.DoesNotContain(ClientSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Code, text, StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY-http8-refresh-65", text, StringComparison.Ordinal);
        }

        // A GET that is safe to repeat (oauth/url) is still retried by the user's policy: the guard touches single-use requests only.
        await Assert.ThrowsAsync<OpenConnectorsException>(() => managed.FetchAuthorizationRequestAsync());
        Assert.True(server.Requests.Count(r => r.StartsWith("GET /elements/api-v2/elements/", StringComparison.Ordinal)) > 1);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToArray();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lines)
                {
                    owner._lines.Add(category + ": " + formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
                }
            }
        }
    }
}
