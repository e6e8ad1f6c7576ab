#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests.Security;

/// <summary>
/// The one sender (<c>HandshakeHttp.SendAsync</c> with <c>SingleUseContent</c>) against hostile loopback servers
/// (review 2026-12-03, H2, L4, L6, L7): no body follows a redirect, a hand-built retrying client cannot replay a
/// single-use request, the instance client copies and checks its options.
/// </summary>
public sealed class SenderTests : IAsyncLifetime
{
    private HostileServer _api = null!;
    private HostileServer _evil = null!;
    private Func<WireRequest, string> _apiAnswer = _ => HostileServer.Response(200, "OK", "{}");

    public Task InitializeAsync()
    {
        _api = new HostileServer(r => _apiAnswer(r));
        _evil = new HostileServer(_ => HostileServer.Response(200, "OK", "{\"id\":1,\"token\":\"t\",\"element\":{\"key\":\"infusionsoftcrm\"}}"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _evil.DisposeAsync();
    }

    private Uri Evil(string path) => new($"http://evil.test:{_evil.Port}{path}");

    private HttpClient RedirectFollowing() =>
        new(OtherHosts.Handler(followRedirects: true, new Dictionary<string, int> { ["evil.test"] = _evil.Port })) { Timeout = TimeSpan.FromSeconds(20) };

    // H2: PUT (re-authorization: code, client secret, Encrypted Key) and PATCH (configuration) under 307/308.
    [Theory]
    [InlineData(307, "PATCH")]
    [InlineData(308, "PATCH")]
    [InlineData(307, "PUT")]
    [InlineData(308, "PUT")]
    public async Task Instance_updates_never_send_their_body_to_a_redirect_target(int status, string method)
    {
        _apiAnswer = _ => HostileServer.Redirect(status, Evil("/steal"));
        using var http = RedirectFollowing();
        var instances = new InfusionsoftOpenConnectorsInstances(http, _api.Loopback("/elements/api-v2"), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());

        var failure = await Assert.ThrowsAsync<OpenConnectorsException>(() => method == "PUT"
            ? instances.ReauthorizeAsync(7, new AuthorizationCode("CANARY-code-77", null, Canary.CallbackUrl.ToString()), "acme")
            : instances.UpdateConfigurationAsync(7));

        Assert.Equal(HandshakeErrorKind.Redirect, failure.Kind);
        Assert.Contains(Canary.ClientSecret, Assert.Single(_api.Requests).Body, StringComparison.Ordinal); // it did carry secrets
        foreach (var request in _evil.Requests)
        {
            Assert.Equal("", request.Body);
        }

        Canary.AssertClean(_evil.Received, "CANARY-code-77");
        Canary.AssertClean(failure.ToString(), "CANARY-code-77");
    }

    // L6: a retrying handler in a hand-built HttpClient (outside the DI pipeline's send-once guard).
    [Fact]
    public async Task A_hand_built_retrying_client_cannot_replay_a_refresh()
    {
        _apiAnswer = _ => HostileServer.Response(503, "Unavailable");
        using var http = new HttpClient(new RetryThreeTimes { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } });
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials(), new InfusionsoftOAuthClientOptions { TokenEndpoint = _api.Loopback("/token") });

        var failure = await Assert.ThrowsAsync<OAuthException>(() => client.RefreshAsync("CANARY-refresh-token-5"));

        Assert.Equal(HandshakeErrorKind.ReplayRefused, failure.Kind);
        Assert.Single(_api.Requests);
        Canary.AssertClean(failure.ToString(), "CANARY-refresh-token-5");
    }

    // PATCH is not single-use: the same retrying client may repeat it (to the same URI).
    [Fact]
    public async Task A_retrying_client_may_repeat_an_idempotent_update()
    {
        var calls = 0;
        _apiAnswer = _ => Interlocked.Increment(ref calls) == 1
            ? HostileServer.Response(503, "Unavailable")
            : HostileServer.Response(200, "OK", "{\"id\":7,\"token\":\"t\",\"name\":\"acme\",\"element\":{\"key\":\"infusionsoftcrm\"},\"configuration\":{}}");
        using var http = new HttpClient(new RetryThreeTimes { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } });
        var instances = new InfusionsoftOpenConnectorsInstances(http, _api.Loopback("/elements/api-v2"), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());

        var updated = await instances.UpdateAsync(7, name: "acme");

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(7, updated.Id);
    }

    // L4: the instance client checks its options like the handshake clients and keeps a copy.
    [Fact]
    public async Task The_instance_client_checks_and_copies_its_options()
    {
        var bad = new InfusionsoftOpenConnectorsClientOptions { Timeout = TimeSpan.FromSeconds(-5) };
        var refused = Assert.Throws<OpenConnectorsException>(() =>
            new InfusionsoftOpenConnectorsInstances(new HttpClient(), _api.Loopback("/elements/api-v2"), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), bad));
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, refused.Kind);

        await using var stalling = new StallingServer("HTTP/1.1 200 OK\r\nContent-Length: 300000000\r\n\r\n{");
        var options = new InfusionsoftOpenConnectorsClientOptions { Timeout = TimeSpan.FromSeconds(10) };
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var instances = new InfusionsoftOpenConnectorsInstances(http, stalling.Endpoint("/elements/api-v2"), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options);
        options.MaxResponseBytes = int.MaxValue; // after construction: must not reach the client

        var failure = await Assert.ThrowsAsync<OpenConnectorsException>(() => instances.GetAsync(1));
        Assert.Equal(HandshakeErrorKind.ResponseTooLarge, failure.Kind);
    }

    // L7: a CreatedAt ahead of the clock would never expire.
    [Fact]
    public void A_pending_request_created_in_the_future_is_expired()
    {
        var client = new InfusionsoftOAuthClient(new HttpClient(), Canary.Credentials());
        var issued = client.CreateAuthorizationRequest();
        var rebuilt = new AuthorizationRequest(issued.AuthorizationUrl, issued.State, issued.CodeVerifier, issued.RedirectUri, DateTimeOffset.UtcNow.AddYears(5));
        var callback = new Uri(Canary.CallbackUrl + "?code=c&state=" + Uri.EscapeDataString(issued.State));

        var failure = Assert.Throws<OAuthException>(() => client.HandleCallback(callback, rebuilt));

        Assert.Equal(HandshakeErrorKind.AuthorizationRequestExpired, failure.Kind);
    }

    // L7: the emitted default scopes are read-only: no assignment can change what every later client requests.
    [Fact]
    public void The_emitted_default_scopes_cannot_be_changed()
    {
        var list = Assert.IsAssignableFrom<IList<string>>(InfusionsoftOAuthMetadata.Scopes);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list[0] = "tampered");
        Assert.Equal(InfusionsoftOAuthMetadata.Scopes, new InfusionsoftOAuthClientOptions().Scopes);
    }

    // L7 (D12): other encoders' forms of a secret echoed by a server are redacted too.
    [Fact]
    public void Secrets_echoed_in_other_encoders_forms_are_redacted()
    {
        const string secret = "Sx/+=sec ret%val!ue*(x)~'<&>";
        var forms = new[] { System.Net.WebUtility.UrlEncode(secret), System.Net.WebUtility.UrlEncode(secret).ToLowerInvariant(), System.Net.WebUtility.HtmlEncode(secret), Uri.EscapeDataString(secret) };
        foreach (var form in forms)
        {
            var scrubbed = HandshakeHttp.Scrub("server said: " + form + " end", [secret])!;
            Assert.DoesNotContain(form, scrubbed, StringComparison.Ordinal);
            Assert.Contains(HandshakeHttp.RedactionMarker, scrubbed, StringComparison.Ordinal);
        }
    }

    /// <summary>A naive retry policy as an application might write it: the same request object up to three times.</summary>
    private sealed class RetryThreeTimes : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500 || attempt == 3)
                {
                    return response;
                }

                response.Dispose();
            }
        }
    }
}
