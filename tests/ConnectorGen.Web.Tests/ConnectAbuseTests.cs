using System.Net;
using System.Net.Sockets;
using Contoso.InfusionsoftWeb;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorGen.Web.Tests;

/// <summary>
/// Review 2026-12-03 M7 and L8, over HTTP without a browser: one client's burst of <c>/connect</c> is rate limited per
/// client address and cannot lock other users out of the pending store; behind a TLS proxy (the app sees plain HTTP
/// and the proxy's Host) the pending cookie is still Secure, because that follows the configured HTTPS callback URL.
/// </summary>
public sealed class ConnectAbuseTests
{
    private static async Task<WebApplication> StartAsync(params string[] more)
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
            .. more,
        ];
        var app = await InfusionsoftWebApp.BuildAppAsync(args, builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        return app;
    }

    // A client whose connections come from another loopback address (127.0.0.2): another user, to the rate limiter.
    private static HttpClient ClientFrom(string localAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    [Fact]
    public async Task A_burst_of_connect_from_one_client_is_rate_limited_and_other_users_still_connect()
    {
        await using var app = await StartAsync("--" + InfusionsoftWebApp.MaxPendingKey, "50");
        var connect = new Uri(app.Urls.Single().TrimEnd('/') + "/connect");
        using var attacker = ClientFrom("127.0.0.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            using var response = await attacker.GetAsync(connect);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.False(response.Headers.Contains("Set-Cookie"));
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.Equal(InfusionsoftWebApp.DefaultConnectsPerMinute, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(200 - InfusionsoftWebApp.DefaultConnectsPerMinute, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        using var user = ClientFrom("127.0.0.2");
        using var served = await user.GetAsync(connect);
        Assert.Equal(HttpStatusCode.Redirect, served.StatusCode);
    }

    // nginx behind TLS with its default `proxy_set_header Host $proxy_host`: Host is the app's loopback address.
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("app.contoso.com")]
    public async Task Behind_a_TLS_proxy_the_cookie_is_Secure_because_the_configured_callback_is_HTTPS(string host)
    {
        await using var app = await StartAsync(
            "--Infusionsoft:CallbackUrl", "https://app.contoso.com/callback",
            "--Infusionsoft:OpenConnectors:BaseUrl", "https://api.openconnectors.ext.hanatrial.ondemand.com/elements/api-v2");
        using var http = ClientFrom("127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Get, app.Urls.Single().TrimEnd('/') + "/connect");
        request.Headers.Host = host == "127.0.0.1" ? new Uri(app.Urls.Single()).Authority : host;
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(InfusionsoftWebApp.PendingCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
