using System.Net;
using Contoso.InfusionsoftWeb;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace ConnectorGen.Web.Tests;

/// <summary>
/// Defect 14 of the 2026-12-02 security review (issue 10), over HTTP without a browser: the pending-request store of
/// <c>/connect</c> is bounded, a pending request is taken once even by concurrent callbacks, and the cookie's Secure flag
/// follows the configured callback URL.
/// </summary>
public sealed class PendingRequestHardeningTests : IAsyncLifetime
{
    private const int MaxPending = 3;
    private WebApplication _app = null!;
    private readonly LogSink _logs = new();
    private Uri _baseUrl = null!;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--Infusionsoft:ClientId", WebAppUnderTest.ClientId,
            "--Infusionsoft:ClientSecret", WebAppUnderTest.ClientSecret,
            "--Infusionsoft:EncryptedKey", WebAppUnderTest.EncryptedKey,
            "--Infusionsoft:OpenConnectors:UserSecret", WebAppUnderTest.UserSecret,
            "--Infusionsoft:OpenConnectors:OrganizationSecret", WebAppUnderTest.OrganizationSecret,
            "--" + InfusionsoftWebApp.MaxPendingKey, MaxPending.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        _app = await InfusionsoftWebApp.BuildAppAsync(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(_logs);
        });
        await _app.StartAsync();
        _baseUrl = new Uri(_app.Urls.Single().TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> ConnectAsync(string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, "connect"));
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return await _http.SendAsync(request);
    }

    private static string PendingCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(InfusionsoftWebApp.PendingCookieName + "=", StringComparison.Ordinal));

    [Fact]
    public async Task Bounded_pending_store__connect_beyond_the_limit_is_refused_not_stored()
    {
        for (var i = 0; i < MaxPending; i++)
        {
            using var accepted = await ConnectAsync();
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var refused = await ConnectAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.Contains("too-many-pending", await refused.Content.ReadAsStringAsync());
    }

    // Demo mode: the configured callback is plain HTTP on loopback, so the cookie is not Secure, whatever Host the
    // request names (the Host header is the client's to choose; ConnectAbuseTests covers a configured HTTPS callback).
    [Theory]
    [InlineData("app.contoso.com")]
    [InlineData(null)]
    [InlineData("localhost")]
    public async Task Secure_cookie__decided_by_the_configured_callback_not_by_the_host_header(string? host)
    {
        using var response = await ConnectAsync(host);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = PendingCookie(response);
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Atomic_take_once__concurrent_callbacks_with_one_cookie_create_at_most_one_instance()
    {
        using var connect = await ConnectAsync();
        var cookie = PendingCookie(connect).Split(';')[0];
        using var consent = await _http.GetAsync(connect.Headers.Location!);
        Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
        var callback = consent.Headers.Location!;

        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, 16).Select(async _ =>
        {
            await gate.WaitAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, callback);
            request.Headers.Add("Cookie", cookie);
            using var response = await _http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }).ToList();
        gate.Release(calls.Count);
        var pages = await Task.WhenAll(calls);

        Assert.Single(pages, p => p.Contains("instance-id", StringComparison.Ordinal));
        Assert.All(pages.Where(p => !p.Contains("instance-id", StringComparison.Ordinal)), p => Assert.Contains("no-pending", p));
        foreach (var line in _logs.Lines)
        {
            foreach (var secret in WebAppUnderTest.StaticSecrets)
            {
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Atomic_take_once__the_store_hands_a_request_to_one_taker_and_expires_it()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var store = new PendingAuthorizations<string>(2, TimeSpan.FromMinutes(10), clock);
        Assert.True(store.TryAdd("k", "request"));
        var takers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.TryTake("k"))));
        Assert.Single(takers, t => t is not null);
        Assert.Equal(0, store.Count);

        Assert.True(store.TryAdd("a", "1"));
        Assert.True(store.TryAdd("b", "2"));
        Assert.False(store.TryAdd("c", "3"));
        clock.Now += TimeSpan.FromMinutes(11);
        Assert.True(store.TryAdd("c", "3")); // the expired "a" and "b" were swept to make room
        Assert.Equal(1, store.Count);
        Assert.Null(store.TryTake("a"));
        clock.Now += TimeSpan.FromMinutes(11);
        Assert.Null(store.TryTake("c")); // expired: not handed out
        Assert.Equal(0, store.Count);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
